## Site shell
site-name = Repères
site-tagline = Comprendre sa banque, tenir son budget
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-home = Accueil
nav-modules = Modules
nav-tools = Outils budget
nav-workshops = Ateliers
nav-progress = Mon parcours
lang-switch-label = Langue
lang-switch-button = English
lang-switch-hint = Read this site in English
footer-label = Pied de page
footer-about = Repères est le site du partenariat entre le CCAS de Besançon et les banques du Comité des banques FBF de Franche-Comté.
footer-accessibility = Accessibilité : partiellement conforme
footer-privacy = Données personnelles
footer-legal = Mentions légales
footer-sitemap = Plan du site
page-title-suffix = Repères
placeholder-marker = à compléter par le CCAS

## Home
home-title = Repères : votre budget, votre banque, à votre rythme
home-lead = Repères vous aide à comprendre votre compte, vos moyens de paiement et vos crédits, et à tenir votre budget. C'est gratuit, sans compte à créer et sans publicité.
home-who-title = Qui est derrière Repères ?
home-who-text = Le Centre communal d'action sociale (CCAS) de Besançon et les banques de la ville ont signé un partenariat le 18 décembre 2012. Ils veulent prévenir les difficultés d'argent et le surendettement. Les travailleurs sociaux du CCAS et des professionnels des banques écrivent ensemble les contenus de ce site.
home-what-title = Ce que vous pouvez faire ici
home-card-modules-title = Apprendre avec des modules courts
home-card-modules-text = Des leçons de quelques minutes, en français simple, à lire sur téléphone ou à imprimer.
home-card-tools-title = Faire le point sur votre budget
home-card-tools-text = Calculez ce qui vous reste pour vivre chaque mois. Rien n'est enregistré.
home-card-workshops-title = Venir à un atelier près de chez vous
home-card-workshops-text = Des ateliers gratuits, animés ensemble par le CCAS et des banques.
home-card-progress-title = Reprendre là où vous en étiez
home-card-progress-text = Votre progression peut être gardée sans nom ni e-mail, seulement si vous le demandez.
home-help-title = Besoin d'aide maintenant ?
home-help-text = Si vous avez des difficultés pour payer vos factures ou votre loyer, parlez-en tôt. Le CCAS de Besançon peut vous recevoir et vous orienter.

## Catalogue
catalogue-title = Modules
catalogue-lead = Chaque module regroupe quelques leçons courtes sur un thème. Lisez-les dans l'ordre que vous voulez.
catalogue-empty = Aucun module n'est publié pour le moment.
catalogue-lesson-count = { $count ->
    [0] Leçons bientôt disponibles
    [one] { $count } leçon
   *[other] { $count } leçons
}
catalogue-audience = Pour : { $audience }
theme-budget = Budget
theme-account = Compte bancaire
theme-payment = Moyens de paiement
theme-credit = Crédit
theme-savings = Épargne
theme-fraud = Arnaques et fraudes
theme-life-events = Événements de la vie
theme-debt = Surendettement
audience-residents = les habitants
audience-professionals = les professionnels
audience-everyone = tout le monde

## Budget tools
tools-title = Outils budget
tools-lead = Des calculs simples pour y voir clair. Ce que vous tapez n'est jamais enregistré.
quick-title = Ce qui vous reste pour vivre
quick-intro = Indiquez ce qui entre chaque mois et ce que vous devez payer chaque mois. Le calcul donne votre « reste à vivre ».
quick-income = Ce qui entre chaque mois (salaire, allocations, pension…)
quick-charges = Ce que vous devez payer chaque mois (loyer, énergie, assurances, crédits…)
quick-household = Nombre de personnes dans le foyer
quick-amount-hint = En euros, par exemple 1 250,50
quick-submit = Calculer
quick-result-title = Résultat
quick-per-month = Par mois
quick-per-day = Par jour
quick-per-person = Par personne et par mois
quick-shortfall = Vos charges dépassent ce qui entre. Ce n'est pas une fatalité : le CCAS peut vous aider à trouver des solutions.
quick-positive = C'est la somme pour la nourriture, les vêtements, les transports et les imprévus.
quick-empty = Le résultat s'affiche ici.
quick-errors-title = Le calcul n'a pas pu être fait :
quick-household-error = Le nombre de personnes doit être un nombre entier entre 1 et 20.
amount-error-not-a-number = Écrivez un montant en chiffres, par exemple 450 ou 450,50.
amount-error-negative = Le montant ne peut pas être négatif.
amount-error-too-precise = Écrivez au plus deux chiffres après la virgule.
amount-error-too-large = Ce montant est trop grand. Vérifiez le nombre de zéros.

## Workshops
workshops-title = Ateliers
workshops-lead = Des ateliers gratuits sur le budget et la banque, animés ensemble par des travailleurs sociaux du CCAS et des professionnels des banques.
workshops-none = Aucun atelier n'est annoncé sur le site pour le moment. Pour connaître les prochaines dates, vous pouvez demander à l'accueil du CCAS.

## Progress
progress-title = Mon parcours
progress-lead = Ici, vous retrouverez les leçons lues et les résultats de vos quiz, sans compte, sans nom et sans e-mail.
progress-empty = Rien n'est enregistré sur cet appareil. Repères ne garde votre progression que si vous le demandez.
progress-how = Votre progression n'est liée qu'à un identifiant au hasard, gardé dans un cookie de votre navigateur. Vous pourrez l'effacer à tout moment.

## Site map
sitemap-title = Plan du site
sitemap-lead = Toutes les pages de Repères.
sitemap-main = Pages principales
sitemap-about = À propos du site

## Accessibility statement
a11y-title = Déclaration d'accessibilité
a11y-intro = Le CCAS de Besançon s'engage à rendre ce site accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
a11y-scope = Cette déclaration s'applique au site Repères.
a11y-status-title = État de conformité
a11y-status = Ce site est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, car il n'a pas encore fait l'objet d'un audit complet.
a11y-tests-title = Ce que nous vérifions déjà
a11y-tests = Chaque page est testée automatiquement à chaque modification, sur petit écran et sur grand écran, avec et sans JavaScript, avec l'outil axe-core (règles WCAG 2.1 niveaux A et AA). Ces tests automatiques ne remplacent pas un audit.
a11y-contact-title = Retour d'information et contact
a11y-contact = Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une autre solution ou obtenir le contenu sous une autre forme.
a11y-contact-channel = Contact accessibilité :
a11y-remedy-title = Voies de recours
a11y-remedy = Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
a11y-remedy-online = par le formulaire en ligne sur le site du Défenseur des droits ;
a11y-remedy-delegate = en rencontrant un délégué du Défenseur des droits près de chez vous ;
a11y-remedy-post = par courrier postal, gratuit (adresse indiquée sur le site du Défenseur des droits).
a11y-date = Déclaration établie le 25 novembre 2026.

## Privacy notice
privacy-title = Données personnelles et cookies
privacy-intro = Repères collecte le moins de données possible. Cette page dit ce qui est gardé, pourquoi et pendant combien de temps.
privacy-controller-title = Qui est responsable ?
privacy-controller = Le responsable du traitement est le CCAS de Besançon.
privacy-dpo = Délégué à la protection des données :
privacy-basis-title = Sur quelle base ?
privacy-basis = Ce site sert la mission d'intérêt public du CCAS : l'information et la prévention des difficultés financières (article 6.1.e du règlement général sur la protection des données).
privacy-kept-title = Ce qui est gardé, et combien de temps
privacy-visit = Quand vous lisez le site : aucun cookie n'est déposé et aucune donnée ne vous est liée.
privacy-lang = Si vous changez de langue : un cookie garde votre choix pendant 13 mois. Il ne contient que « fr » ou « en ».
privacy-progress = Si vous gardez votre progression (« Marquer comme lue », un quiz, « Garder dans mon parcours ») : un identifiant tiré au hasard est gardé dans un cookie de session. Sur le serveur, cet identifiant est lié aux leçons lues, à vos réponses et scores aux quiz, et aux montants que vous avez choisi de garder dans un outil budget. Rien d'autre : ni nom, ni e-mail, ni adresse IP. Sans visite pendant 13 mois, tout est effacé automatiquement.
privacy-tools = Ce que vous tapez dans les outils budget n'est pas enregistré sur le serveur, sauf si vous appuyez sur « Garder dans mon parcours » : les montants sont alors gardés avec votre progression anonyme, et effacés avec elle.
privacy-logs = Journaux techniques du serveur : ils notent la page demandée, l'heure et le résultat, sans adresse IP et sans contenu de formulaire. Ils sont gardés au plus 30 jours.
privacy-no-tracking = Aucun outil de mesure d'audience, aucune publicité, aucun cookie d'un autre site.
privacy-resume = Si vous demandez un code de reprise : seule une empreinte du code est gardée (le code lui-même n'est pas enregistré). Pour empêcher qu'on devine les codes, le nombre d'essais est compté par connexion, sous la forme d'une empreinte de l'adresse de connexion, gardée au plus 24 heures et jamais liée à votre progression.
privacy-forget = Le bouton « Tout effacer » de la page « Mon parcours » efface tout de suite, sur le serveur, votre progression, vos résultats, vos budgets gardés, votre code de reprise et votre session.
privacy-counts = Pour savoir ce qui est utile, Repères peut compter des nombres globaux (par exemple : combien de quiz ont été faits ce mois-ci), sans aucun lien avec une personne.
privacy-rights-title = Vos droits
privacy-rights = Vous pouvez demander l'accès à vos données, leur correction ou leur effacement. Vous pouvez aussi déposer une réclamation auprès de la CNIL.

## Legal notice
legal-title = Mentions légales
legal-publisher-title = Éditeur du site
legal-publisher = Centre communal d'action sociale (CCAS) de Besançon.
legal-address = Adresse :
legal-director = Directeur ou directrice de la publication :
legal-host-title = Hébergement
legal-host = Hébergeur :
legal-partnership-title = Le partenariat
legal-partnership = Repères met en œuvre le partenariat signé le 18 décembre 2012 entre le CCAS de Besançon et le Comité des banques FBF de Franche-Comté pour prévenir les difficultés financières et le surendettement.
legal-content-title = Contenus
legal-content = Les contenus sont écrits par des travailleurs sociaux et des professionnels des banques. Ils donnent une information générale et ne remplacent pas un conseil personnalisé. Aucune banque ni aucun produit n'y est recommandé.

## Errors
not-found-title = Page introuvable
not-found-text = Cette page n'existe pas ou a été déplacée.
not-found-home = Retourner à l'accueil
error-title = Une erreur est survenue
error-text = Le service a rencontré un problème. Réessayez dans quelques instants.
unavailable-title = Service momentanément indisponible
unavailable-text = Repères ne répond pas pour le moment. Réessayez dans quelques minutes.

## Lessons
module-lessons-title = Les leçons du module
lesson-minutes = { $minutes } min de lecture
level-debutant = Niveau : débutant
level-intermediaire = Niveau : intermédiaire
level-confirme = Niveau : confirmé
module-easy-available = Existe aussi en version facile à lire
module-guide-link = Imprimer tout le module (mini-guide)
module-see = Voir le module
breadcrumb-label = Vous êtes ici
lesson-toc-title = Dans cette leçon
lesson-easy-switch = Lire la version facile à lire
lesson-standard-switch = Lire la version complète
lesson-easy-badge = Version facile à lire
lesson-terms-title = Les mots de cette leçon
lesson-sources-title = Sources et dernière relecture
lesson-last-reviewed = Leçon relue le { $date }.
lesson-sources-intro = Les informations de cette leçon viennent de :
lesson-nav-label = Autres leçons du module
lesson-previous = Leçon précédente : { $title }
lesson-next = Leçon suivante : { $title }
lesson-back-to-module = Retour au module
guide-title = Mini-guide : { $title }
guide-intro = Ce mini-guide rassemble toutes les leçons du module, à imprimer ou à enregistrer en PDF.
guide-contents = Sommaire
guide-print-hint = Pour l'imprimer, utilisez la commande « Imprimer » de votre navigateur.
guide-glossary = Les mots du module
glossary-title = Glossaire
glossary-lead = Les mots de la banque et du budget, expliqués simplement.
search-title = Rechercher dans les leçons
search-label = Mot ou expression à chercher
search-button = Rechercher
search-results = { $count ->
    [0] Aucune leçon ne contient « { $query } ». Essayez un autre mot.
    [one] 1 leçon contient « { $query } » :
   *[other] { $count } leçons contiennent « { $query } » :
}
search-in-module = Module : { $title }
filter-title = Choisir un thème ou un public
filter-theme = Thème
filter-audience = Public
filter-all = Tous
filter-apply = Afficher
filter-none = Aucun module ne correspond à ce choix.
catalogue-more = Voir aussi le glossaire et la recherche

## Progress
progress-read = Vous avez lu cette leçon.
progress-mark-read = Marquer comme lue
progress-mark-read-hint = Votre progression sera gardée sur cet appareil, sans nom ni e-mail.
progress-nothing-read = Vous n'avez encore commencé aucun module.
progress-forget-title = Effacer ma progression
progress-forget-text = Sur un ordinateur partagé, ou si vous le souhaitez : tout ce que Repères garde de votre progression est effacé du serveur, et le cookie aussi.
progress-forget-button = Tout effacer
flash-learner-created = Votre progression est maintenant gardée sur cet appareil, sans nom ni e-mail.
flash-learn-more = En savoir plus sur vos données.
flash-marked-read = Leçon marquée comme lue.
flash-forgotten = Votre progression a été effacée de Repères.
flash-quiz-saved = Votre résultat est gardé dans « Mon parcours ».
flash-budget-kept = Votre budget est gardé dans « Mon parcours ».
flash-restored = Votre progression a été retrouvée sur cet appareil.

## Quiz
quiz-cta-title = Vérifier ce que j'ai compris
quiz-cta-text = Quelques questions sur cette leçon. Vous voyez tout de suite la correction, et vous pouvez recommencer autant de fois que vous voulez.
quiz-take = Faire le quiz
module-quiz-title = Le quiz du module
module-quiz-text = Une question sur chaque leçon du module, pour faire le point à la fin.
quiz-title = Quiz : { $title }
quiz-module-title = Quiz du module : { $title }
quiz-intro = Répondez à chaque question puis validez. La correction explique chaque réponse.
quiz-module-intro = Ces questions reprennent les leçons du module. Répondez à chaque question puis validez.
quiz-question = Question { $n } sur { $total } :
quiz-one-answer = Une seule réponse.
quiz-several-answers = Plusieurs réponses possibles : cochez toutes les bonnes.
quiz-number-hint = Écrivez un nombre, par exemple 320 ou 12,5.
quiz-unit = en { $unit }
quiz-submit = Voir la correction
quiz-sending = Envoi en cours…
quiz-failed = Votre réponse n'a pas pu être envoyée. Vérifiez votre connexion et réessayez.
quiz-errors-title = Il manque quelque chose pour corriger le quiz :
quiz-error-missing = Question { $n } : vous n'avez pas répondu.
quiz-error-duplicated = Question { $n } : la même réponse a été envoyée deux fois. Répondez une seule fois.
quiz-error-invalid = Question { $n } : cette réponse n'existe pas. Choisissez parmi les réponses proposées (une seule si la question le dit).
quiz-error-not-a-number = Question { $n } : écrivez un nombre, par exemple 320 ou 12,5.
quiz-error-unknown = Une réponse concerne une question qui n'existe pas dans ce quiz. Rechargez la page et recommencez.
quiz-correction-title = Correction
quiz-score = { $correct } bonne(s) réponse(s) sur { $total } ({ $percent } %).
quiz-best = Votre meilleur score : { $correct } sur { $total } ({ $attempts } essai(s) en tout).
quiz-mastery-label = Où vous en êtes :
mastery-attempted = à revoir
mastery-familiar = bien compris
mastery-proficient = maîtrisé
quiz-right = Bonne réponse
quiz-wrong = Pas tout à fait
quiz-right-option = bonne réponse
quiz-your-choice = votre choix
quiz-your-number = Votre réponse : { $given }
quiz-expected = Réponse attendue : { $expected }
quiz-see-section = Relire ce passage de la leçon « { $lesson } »
quiz-retry = Recommencer le quiz
quiz-back-lesson = Revenir à la leçon
quiz-back-module = Revenir au module
quiz-see-progress = Voir mon parcours
quiz-changed = Ce quiz a changé depuis votre dernier essai ({ $correct } bonne(s) réponse(s) sur { $total }). Refaites-le pour voir la nouvelle correction.
quiz-no-attempt = Aucun résultat de ce quiz n'est gardé sur cet appareil.

## Mon parcours
progress-next-title = Ce que nous vous proposons ensuite
progress-next-none = Vous avez tout fait dans les modules commencés. Choisissez un nouveau module dans le catalogue.
progress-why-review = quiz { $band } : relisez la leçon puis refaites le quiz
progress-why-unread = pas encore lue
progress-why-quiz = lue, quiz pas encore fait
progress-workshops-title = Un atelier peut vous aider
progress-workshops-text = Certains quiz sont à revoir sur : { $themes }. Les ateliers du CCAS et des banques en parlent, avec des personnes pour répondre à vos questions.
progress-workshops-link = Voir les ateliers
progress-modules-title = Mes modules
progress-module-finished = Module terminé : toutes les leçons sont lues.
progress-module-count = { $read } leçon(s) lue(s) sur { $total }.
progress-table-caption = Leçons du module « { $title } »
progress-col-lesson = Leçon
progress-col-read = Lue
progress-col-quiz = Quiz
progress-yes = oui
progress-no = non
progress-quiz-none = pas encore fait
progress-quiz-score = { $band } ({ $correct } sur { $total })
progress-module-quiz = Quiz du module :
progress-kept-title = Mes budgets gardés
progress-kept-on = gardé le { $date }

## Code de reprise
resume-title = Continuer sur un autre appareil
resume-text = Un code de reprise vous permet de retrouver votre parcours sur un autre téléphone ou ordinateur, sans compte. Notez-le sur papier : Repères ne peut pas vous le redonner.
resume-has-code = Vous avez déjà un code. En demander un nouveau remplace l'ancien.
resume-get-button = Obtenir un code de reprise
resume-new-button = Obtenir un nouveau code
resume-new-code = Votre code de reprise (notez-le maintenant, il ne sera plus affiché) :
resume-new-code-hint = Sur l'autre appareil, ouvrez « Mon parcours » et tapez ce code. Les tirets et les majuscules ne comptent pas.
resume-restore-title = J'ai un code de reprise
resume-restore-text = Tapez le code obtenu sur un autre appareil pour retrouver votre parcours ici.
resume-restore-replace = Si vous tapez un code obtenu sur un autre appareil, c'est ce parcours-là qui s'affichera ici.
resume-code-label = Code de reprise
resume-code-hint = 10 caractères, par exemple ABCDE-FGH23.
resume-restore-button = Retrouver mon parcours
resume-error-empty = Tapez votre code de reprise.
resume-error-length = Un code de reprise a 10 caractères (sans compter le tiret). Vérifiez le code.
resume-error-character = Le caractère « { $character } » n'existe pas dans les codes de reprise (ils n'ont ni 0, ni O, ni 1, ni I, ni L). Vérifiez le code.
resume-error-unknown = Ce code ne correspond à aucun parcours. Vérifiez chaque caractère, ou demandez un nouveau code sur l'autre appareil.
resume-error-too-many = Trop d'essais depuis cette connexion. Réessayez dans { $minutes } minute(s).

## Outils budget
tools-more-title = Trois outils pour aller plus loin
tool-monthly-title = Mon budget du mois
tool-monthly-card = Toutes vos rentrées et vos dépenses, ligne par ligne : votre reste à vivre par mois, par jour et par personne.
tool-monthly-intro = Remplissez seulement les lignes qui vous concernent. Les dépenses irrégulières se notent pour l'année : l'outil les répartit sur les 12 mois.
tool-debt-title = Mon taux d'endettement
tool-debt-card = La part de vos revenus qui part en remboursements de crédits, et ce que changerait un nouveau crédit.
tool-debt-intro = Le taux d'endettement, c'est ce que vous remboursez chaque mois pour vos crédits (assurance comprise), divisé par vos revenus nets du mois.
tool-savings-title = Mon objectif d'épargne
tool-savings-card = Combien de temps pour mettre de côté la somme que vous visez.
tool-savings-intro = Indiquez la somme que vous voulez atteindre et ce que vous pouvez mettre de côté chaque mois.
tools-back = Tous les outils budget
tools-private = Ce que vous tapez reste sur cette page : rien n'est gardé, sauf si vous appuyez sur « Garder dans mon parcours ».
tools-print-hint = Pour garder une trace sur papier, imprimez cette page avec le menu de votre navigateur : seuls vos montants et le résultat sont imprimés.
tool-kept-notice = Ces montants sont ceux que vous avez gardés le { $date }.
tool-errors-title = Certaines cases sont à corriger :
tool-result-title = Résultat
tool-empty = Remplissez les cases : le résultat s'affiche ici.
tool-calculate = Calculer
tool-keep = Garder dans mon parcours
tool-keep-hint = Sans nom ni e-mail : les montants sont gardés dans votre parcours anonyme, que vous pouvez effacer à tout moment.
budget-cat-income = Ce qui entre chaque mois
budget-cat-fixed = Charges fixes (chaque mois)
budget-cat-everyday = Vie courante (chaque mois)
budget-cat-irregular = Dépenses irrégulières (pour toute l'année)
budget-cat-loans = Remboursements de crédits (chaque mois)
budget-irregular-hint = Notez le total pour une année : l'outil le divise par 12.
budget-line-salaire = Salaire(s)
budget-line-caf = Prestations de la CAF (RSA, prime d'activité, APL, allocations familiales)
budget-line-aah = AAH
budget-line-retraite = Retraite, pension
budget-line-pension-alimentaire = Pension alimentaire reçue
budget-line-autres-revenus = Autres rentrées
budget-line-loyer = Loyer (après l'APL s'il est versé au bailleur) ou remboursement du logement
budget-line-energie = Électricité, gaz, chauffage
budget-line-eau = Eau
budget-line-assurances = Assurances (logement, voiture)
budget-line-telephone-internet = Téléphone, internet
budget-line-transport = Transports (abonnement, carburant)
budget-line-impots = Impôts et taxes payés chaque mois
budget-line-mutuelle = Mutuelle
budget-line-garde-cantine = Garde d'enfants, cantine
budget-line-alimentation = Courses alimentaires
budget-line-hygiene-maison = Hygiène, produits pour la maison
budget-line-vetements = Vêtements
budget-line-loisirs-divers = Loisirs et autres dépenses
budget-line-frais-scolaires = Rentrée scolaire, fournitures
budget-line-entretien-vehicule = Entretien et réparations du véhicule
budget-line-fetes-cadeaux = Fêtes, cadeaux, anniversaires
budget-line-annuel-autres = Autres dépenses de l'année (taxes annuelles…)
budget-line-credit-conso = Crédits à la consommation, crédit renouvelable
budget-line-credit-immobilier = Crédit immobilier
budget-line-autres-dettes = Autres dettes, plan de remboursement
monthly-income = Total de ce qui entre
monthly-compulsory = Charges fixes et crédits
monthly-reste = Reste à vivre par mois
monthly-per-day = Reste à vivre par jour
monthly-per-person = Reste à vivre par personne du foyer
monthly-everyday = Vie courante
monthly-irregular = Dépenses irrégulières, par mois
monthly-balance = Ce qui reste quand tout est payé
monthly-debt-ratio = Taux d'endettement
budget-reading-shortfall = Vos dépenses dépassent ce qui entre. Ce n'est pas une faute : c'est un signal pour en parler vite, avant que les retards s'accumulent.
budget-reading-tight = Tout est payé, mais il reste peu pour les imprévus. Prévoir les dépenses irrégulières aide à éviter les mauvaises surprises.
budget-reading-room = Tout est payé et il vous reste une marge. Mettre un peu de côté chaque mois protège des imprévus.
monthly-debt-above = Vos remboursements de crédits dépassent 35 % de ce qui entre : c'est beaucoup.
link-lesson-reste = Leçon : le reste à vivre
link-lesson-signs = Leçon : les signes qui alertent
link-lesson-irregular = Leçon : les dépenses irrégulières
link-lesson-precaution = Leçon : l'épargne de précaution
link-lesson-little = Leçon : épargner petit à petit
link-module-credit = Module : comprendre le crédit
link-who-helps = Qui peut vous aider
debt-income = Revenus nets du foyer, par mois
debt-repayments = Remboursements de crédits en cours, par mois (assurance comprise)
debt-new-repayment = Mensualité d'un nouveau crédit envisagé (facultatif)
debt-new-hint = Laissez vide si vous ne prévoyez pas de nouveau crédit.
debt-no-income-error = Indiquez vos revenus du mois : sans revenus, le taux ne peut pas se calculer.
debt-current = Taux d'endettement aujourd'hui
debt-with-new = Taux avec le nouveau crédit
debt-room = Mensualité encore possible sous 35 %
debt-reference = Repère : pour un crédit immobilier, les banques ne doivent pas dépasser { $percent } des revenus (règle du Haut Conseil de stabilité financière, obligatoire depuis janvier 2022). C'est aussi un bon repère pour tous les crédits.
debt-above = Aujourd'hui, vos remboursements dépassent ce repère : un nouveau crédit rendrait le budget plus fragile.
debt-below = Aujourd'hui, vos remboursements restent sous ce repère.
debt-new-above = Avec le nouveau crédit, vous dépasseriez ce repère. Avant de signer, prenez le temps d'en parler.
debt-new-below = Avec le nouveau crédit, vous resteriez sous ce repère. Vérifiez aussi votre reste à vivre.
savings-target = Somme que vous voulez atteindre
savings-saved = Ce que vous avez déjà mis de côté
savings-saved-hint = Laissez vide si vous partez de zéro.
savings-monthly = Ce que vous pouvez mettre de côté chaque mois
savings-target-missing-error = Indiquez la somme que vous voulez atteindre.
savings-no-monthly-error = Indiquez une somme à mettre de côté chaque mois, même petite : sans elle, l'objectif ne peut pas être atteint.
savings-months = Temps nécessaire
savings-duration = { $months } mois (soit { $years } an(s) et { $rest } mois)
savings-remaining = Reste à mettre de côté
savings-last = Versement du dernier mois
savings-reached = Vous avez déjà atteint cette somme. Bravo !
savings-note = Une petite somme mise de côté chaque mois finit par compter. Un virement automatique le jour où l'argent arrive aide à tenir.
quiz-best-so-far = Votre meilleur score jusqu'ici : { $correct } sur { $total }. Les réponses sont mélangées à chaque essai.
quiz-see-last = Revoir la correction de votre dernier essai
