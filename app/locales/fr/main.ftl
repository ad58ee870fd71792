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
privacy-progress = Si vous demandez à garder votre progression : un identifiant tiré au hasard est gardé dans un cookie. Il ne contient ni nom, ni e-mail, ni adresse IP. Sans visite pendant 13 mois, tout est effacé.
privacy-tools = Ce que vous tapez dans les outils budget n'est pas enregistré sur le serveur.
privacy-logs = Journaux techniques du serveur : ils notent la page demandée, l'heure et le résultat, sans adresse IP et sans contenu de formulaire. Ils sont gardés au plus 30 jours.
privacy-no-tracking = Aucun outil de mesure d'audience, aucune publicité, aucun cookie d'un autre site.
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
progress-read-title = Les leçons que vous avez lues
progress-nothing-read = Vous n'avez encore marqué aucune leçon comme lue.
progress-forget-title = Effacer ma progression
progress-forget-text = Sur un ordinateur partagé, ou si vous le souhaitez : tout ce que Repères garde de votre progression est effacé du serveur, et le cookie aussi.
progress-forget-button = Tout effacer
flash-learner-created = Votre progression est maintenant gardée sur cet appareil, sans nom ni e-mail.
flash-learn-more = En savoir plus sur vos données.
flash-marked-read = Leçon marquée comme lue.
flash-forgotten = Votre progression a été effacée de Repères.
