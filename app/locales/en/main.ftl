## Site shell
site-name = Repères
site-tagline = Understand your bank, keep to your budget
skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Home
nav-modules = Modules
nav-tools = Budget tools
nav-workshops = Workshops
nav-progress = My progress
lang-switch-label = Language
lang-switch-button = Français
lang-switch-hint = Lire ce site en français
footer-label = Footer
footer-about = Repères is the website of the partnership between the Besançon social action centre (CCAS) and the banks of the FBF Franche-Comté banking committee.
footer-accessibility = Accessibility: partially compliant
footer-privacy = Personal data
footer-legal = Legal notice
footer-sitemap = Site map
page-title-suffix = Repères
placeholder-marker = to be completed by the CCAS

## Home
home-title = Repères: your budget, your bank, at your own pace
home-lead = Repères helps you understand your bank account, your means of payment and your loans, and keep to your budget. It is free, with no account to create and no advertising.
home-who-title = Who runs Repères?
home-who-text = The Besançon social action centre (CCAS) and the city's banks signed a partnership on 18 December 2012. They want to prevent money problems and over-indebtedness. CCAS social workers and bank professionals write the content of this site together.
home-what-title = What you can do here
home-card-modules-title = Learn with short modules
home-card-modules-text = Lessons of a few minutes, in plain language, to read on a phone or to print.
home-card-tools-title = Take stock of your budget
home-card-tools-text = Work out what is left to live on each month. Nothing is saved.
home-card-workshops-title = Come to a workshop near you
home-card-workshops-text = Free workshops, run together by the CCAS and banks.
home-card-progress-title = Pick up where you left off
home-card-progress-text = Your progress can be kept without a name or an e-mail, only if you ask for it.
home-help-title = Need help now?
home-help-text = If you struggle to pay your bills or your rent, talk about it early. The Besançon CCAS can see you and point you to the right help.

## Catalogue
catalogue-title = Modules
catalogue-lead = Each module gathers a few short lessons on one topic. Read them in any order.
catalogue-empty = No module is published yet.
catalogue-lesson-count = { $count ->
    [0] Lessons coming soon
    [one] { $count } lesson
   *[other] { $count } lessons
}
catalogue-audience = For: { $audience }
theme-budget = Budget
theme-account = Bank account
theme-payment = Means of payment
theme-credit = Credit
theme-savings = Savings
theme-fraud = Scams and fraud
theme-life-events = Life events
theme-debt = Over-indebtedness
audience-residents = residents
audience-professionals = professionals
audience-everyone = everyone

## Budget tools
tools-title = Budget tools
tools-lead = Simple calculations to see clearly. What you type is never saved.
quick-title = What is left to live on
quick-intro = Enter what comes in each month and what you must pay each month. The result is what is left to live on (the "reste à vivre").
quick-income = What comes in each month (wages, benefits, pension…)
quick-charges = What you must pay each month (rent, energy, insurance, loans…)
quick-household = Number of people in the household
quick-amount-hint = In euros, for example 1250.50
quick-submit = Calculate
quick-result-title = Result
quick-per-month = Per month
quick-per-day = Per day
quick-per-person = Per person per month
quick-shortfall = Your charges are higher than what comes in. This can be worked on: the CCAS can help you find solutions.
quick-positive = This is what you have for food, clothes, transport and the unexpected.
quick-empty = The result will show here.
quick-errors-title = The calculation could not be done:
quick-household-error = The number of people must be a whole number from 1 to 20.
amount-error-not-a-number = Write an amount in figures, for example 450 or 450.50.
amount-error-negative = The amount cannot be negative.
amount-error-too-precise = Write at most two digits after the decimal point.
amount-error-too-large = This amount is too large. Check the number of zeros.

## Workshops
workshops-title = Workshops
workshops-lead = Free workshops on budgets and banking, run together by CCAS social workers and bank professionals.
workshops-none = No workshop is announced on the site yet. To find out the next dates, you can ask at the CCAS front desk.

## Progress
progress-title = My progress
progress-lead = Here you will find the lessons you have read and your quiz results, with no account, no name and no e-mail.
progress-empty = Nothing is saved on this device. Repères only keeps your progress if you ask for it.
progress-how = Your progress is only linked to a random identifier, kept in a cookie in your browser. You can erase it at any time.

## Site map
sitemap-title = Site map
sitemap-lead = Every page of Repères.
sitemap-main = Main pages
sitemap-about = About the site

## Accessibility statement
a11y-title = Accessibility statement
a11y-intro = The Besançon CCAS is committed to making this site accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.
a11y-scope = This statement applies to the Repères website.
a11y-status-title = Compliance status
a11y-status = This site is partially compliant with the French accessibility framework (RGAA) version 4.1, because it has not yet been fully audited.
a11y-tests-title = What we already check
a11y-tests = Every page is tested automatically on each change, on small and large screens, with and without JavaScript, with the axe-core tool (WCAG 2.1 level A and AA rules). These automatic tests do not replace an audit.
a11y-contact-title = Feedback and contact
a11y-contact = If you cannot access a piece of content or a service, contact us to be pointed to another solution or to get the content in another form.
a11y-contact-channel = Accessibility contact:
a11y-remedy-title = Remedies
a11y-remedy = If you reported an accessibility problem that prevents you from accessing content or a service and did not get a satisfactory answer, you can refer the matter to the Défenseur des droits (the French rights ombudsman):
a11y-remedy-online = through the online form on the Défenseur des droits website;
a11y-remedy-delegate = by meeting a Défenseur des droits delegate near you;
a11y-remedy-post = by post, free of charge (address given on the Défenseur des droits website).
a11y-date = Statement drawn up on 25 November 2026.

## Privacy notice
privacy-title = Personal data and cookies
privacy-intro = Repères collects as little data as possible. This page says what is kept, why and for how long.
privacy-controller-title = Who is responsible?
privacy-controller = The data controller is the Besançon CCAS.
privacy-dpo = Data protection officer:
privacy-basis-title = On what legal basis?
privacy-basis = This site serves the CCAS's public-interest mission: information and the prevention of financial difficulties (article 6(1)(e) of the General Data Protection Regulation).
privacy-kept-title = What is kept, and for how long
privacy-visit = When you read the site: no cookie is set and no data is linked to you.
privacy-lang = If you change the language: a cookie keeps your choice for 13 months. It only contains "fr" or "en".
privacy-progress = If you ask to keep your progress: a random identifier is kept in a cookie. It contains no name, no e-mail and no IP address. After 13 months without a visit, everything is erased.
privacy-tools = What you type in the budget tools is not saved on the server.
privacy-logs = Server technical logs: they record the page asked for, the time and the outcome, without IP address and without form content. They are kept for at most 30 days.
privacy-no-tracking = No audience measurement, no advertising, no cookie from another site.
privacy-rights-title = Your rights
privacy-rights = You can ask for access to your data, its correction or its erasure. You can also lodge a complaint with the CNIL (the French data protection authority).

## Legal notice
legal-title = Legal notice
legal-publisher-title = Publisher
legal-publisher = Besançon social action centre (Centre communal d'action sociale, CCAS).
legal-address = Address:
legal-director = Publication director:
legal-host-title = Hosting
legal-host = Host:
legal-partnership-title = The partnership
legal-partnership = Repères puts into practice the partnership signed on 18 December 2012 between the Besançon CCAS and the FBF Franche-Comté banking committee to prevent financial difficulties and over-indebtedness.
legal-content-title = Content
legal-content = The content is written by social workers and bank professionals. It gives general information and does not replace personal advice. No bank and no product is recommended.

## Errors
not-found-title = Page not found
not-found-text = This page does not exist or has moved.
not-found-home = Back to the home page
error-title = Something went wrong
error-text = The service ran into a problem. Please try again in a moment.
unavailable-title = Service temporarily unavailable
unavailable-text = Repères is not answering right now. Please try again in a few minutes.

## Lessons
module-lessons-title = Lessons in this module
lesson-minutes = { $minutes } min read
level-debutant = Level: beginner
level-intermediaire = Level: intermediate
level-confirme = Level: advanced
module-easy-available = Also available in easy-read French
module-guide-link = Print the whole module (mini-guide)
module-see = See the module
breadcrumb-label = You are here
lesson-toc-title = In this lesson
lesson-easy-switch = Read the easy-read version
lesson-standard-switch = Read the full version
lesson-easy-badge = Easy-read version
lesson-terms-title = Words used in this lesson
lesson-sources-title = Sources and last review
lesson-last-reviewed = Lesson reviewed on { $date }.
lesson-sources-intro = The information in this lesson comes from:
lesson-nav-label = Other lessons of the module
lesson-previous = Previous lesson: { $title }
lesson-next = Next lesson: { $title }
lesson-back-to-module = Back to the module
guide-title = Mini-guide: { $title }
guide-intro = This mini-guide gathers every lesson of the module, to print or save as a PDF.
guide-contents = Contents
guide-print-hint = To print it, use your browser's "Print" command.
guide-glossary = Words used in the module
glossary-title = Glossary
glossary-lead = Banking and budget words, explained simply.
search-title = Search the lessons
search-label = Word or phrase to look for
search-button = Search
search-results = { $count ->
    [0] No lesson contains "{ $query }". Try another word.
    [one] 1 lesson contains "{ $query }":
   *[other] { $count } lessons contain "{ $query }":
}
search-in-module = Module: { $title }
filter-title = Choose a topic or an audience
filter-theme = Topic
filter-audience = Audience
filter-all = All
filter-apply = Show
filter-none = No module matches this choice.
catalogue-more = See also the glossary and the search

## Progress
progress-read = You have read this lesson.
progress-mark-read = Mark as read
progress-mark-read-hint = Your progress will be kept on this device, with no name and no e-mail.
progress-read-title = Lessons you have read
progress-nothing-read = You have not marked any lesson as read yet.
progress-forget-title = Erase my progress
progress-forget-text = On a shared computer, or whenever you wish: everything Repères keeps about your progress is erased from the server, and so is the cookie.
progress-forget-button = Erase everything
flash-learner-created = Your progress is now kept on this device, with no name and no e-mail.
flash-learn-more = Learn more about your data.
flash-marked-read = Lesson marked as read.
flash-forgotten = Your progress has been erased from Repères.
