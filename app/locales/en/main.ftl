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
privacy-progress = If you keep your progress ("Mark as read", a quiz, "Keep in my progress"): a random identifier is kept in a session cookie. On the server, this identifier is linked to the lessons you read, your quiz answers and scores, and the amounts you chose to keep in a budget tool. Nothing else: no name, no e-mail, no IP address. After 13 months without a visit, everything is erased automatically.
privacy-tools = What you type in the budget tools is not saved on the server, unless you press "Keep in my progress": the amounts are then kept with your anonymous progress, and erased with it.
privacy-logs = Server technical logs: they record the page asked for, the time and the outcome, without IP address and without form content. They are kept for at most 30 days.
privacy-no-tracking = No audience measurement, no advertising, no cookie from another site.
privacy-resume = If you ask for a resume code: only a fingerprint of the code is kept (the code itself is not saved). To stop codes being guessed, tries are counted per connection, as a fingerprint of the connection address, kept at most 24 hours and never linked to your progress.
privacy-forget = The "Erase everything" button on "My progress" erases at once, on the server, your progress, your results, your kept budgets, your resume code and your session.
privacy-counts = To know what is useful, Repères may count overall numbers (for example: how many quizzes were taken this month), with no link to any person.
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
progress-nothing-read = You have not started any module yet.
progress-forget-title = Erase my progress
progress-forget-text = On a shared computer, or whenever you wish: everything Repères keeps about your progress is erased from the server, and so is the cookie.
progress-forget-button = Erase everything
flash-learner-created = Your progress is now kept on this device, with no name and no e-mail.
flash-learn-more = Learn more about your data.
flash-marked-read = Lesson marked as read.
flash-forgotten = Your progress has been erased from Repères.
flash-quiz-saved = Your result is kept in "My progress".
flash-budget-kept = Your budget is kept in "My progress".
flash-restored = Your progress has been restored on this device.

## Quiz
quiz-cta-title = Check what I understood
quiz-cta-text = A few questions on this lesson. You see the answers straight away, and you can try again as often as you like.
quiz-take = Take the quiz
module-quiz-title = The module quiz
module-quiz-text = One question on each lesson of the module, to take stock at the end.
quiz-title = Quiz: { $title }
quiz-module-title = Module quiz: { $title }
quiz-intro = Answer each question, then submit. The correction explains every answer.
quiz-module-intro = These questions come from the module's lessons. Answer each question, then submit.
quiz-question = Question { $n } of { $total }:
quiz-one-answer = One answer.
quiz-several-answers = Several answers possible: tick all the right ones.
quiz-number-hint = Type a number, for example 320 or 12.5.
quiz-unit = in { $unit }
quiz-submit = See the correction
quiz-sending = Sending…
quiz-failed = Your answer could not be sent. Check your connection and try again.
quiz-errors-title = Something is missing to mark the quiz:
quiz-error-missing = Question { $n }: you did not answer.
quiz-error-duplicated = Question { $n }: the same answer was sent twice. Answer only once.
quiz-error-invalid = Question { $n }: this answer does not exist. Choose among the answers given (only one if the question says so).
quiz-error-not-a-number = Question { $n }: type a number, for example 320 or 12.5.
quiz-error-unknown = An answer is for a question this quiz does not have. Reload the page and start again.
quiz-correction-title = Correction
quiz-score = { $correct } right answer(s) out of { $total } ({ $percent } %).
quiz-best = Your best score: { $correct } out of { $total } ({ $attempts } attempt(s) in all).
quiz-mastery-label = Where you stand:
mastery-attempted = to review
mastery-familiar = well understood
mastery-proficient = mastered
quiz-right = Right
quiz-wrong = Not quite
quiz-right-option = right answer
quiz-your-choice = your choice
quiz-your-number = Your answer: { $given }
quiz-expected = Expected answer: { $expected }
quiz-see-section = Read this part of the lesson "{ $lesson }" again
quiz-retry = Try the quiz again
quiz-back-lesson = Back to the lesson
quiz-back-module = Back to the module
quiz-see-progress = See my progress
quiz-changed = This quiz has changed since your last attempt ({ $correct } right answer(s) out of { $total }). Take it again to see the new correction.
quiz-no-attempt = No result of this quiz is kept on this device.

## Mon parcours
progress-next-title = What we suggest next
progress-next-none = You have done everything in the modules you started. Pick a new module in the catalogue.
progress-why-review = quiz { $band }: read the lesson again, then retake the quiz
progress-why-unread = not read yet
progress-why-quiz = read, quiz not taken yet
progress-workshops-title = A workshop can help
progress-workshops-text = Some quizzes need another look on: { $themes }. The CCAS and bank workshops cover them, with people to answer your questions.
progress-workshops-link = See the workshops
progress-modules-title = My modules
progress-module-finished = Module finished: every lesson is read.
progress-module-count = { $read } lesson(s) read out of { $total }.
progress-table-caption = Lessons of the module "{ $title }"
progress-col-lesson = Lesson
progress-col-read = Read
progress-col-quiz = Quiz
progress-yes = yes
progress-no = no
progress-quiz-none = not taken yet
progress-quiz-score = { $band } ({ $correct } out of { $total })
progress-module-quiz = Module quiz:
progress-kept-title = My kept budgets
progress-kept-on = kept on { $date }

## Resume code
resume-title = Continue on another device
resume-text = A resume code lets you find your progress on another phone or computer, with no account. Write it down on paper: Repères cannot give it to you again.
resume-has-code = You already have a code. Asking for a new one replaces the old one.
resume-get-button = Get a resume code
resume-new-button = Get a new code
resume-new-code = Your resume code (write it down now, it will not be shown again):
resume-new-code-hint = On the other device, open "My progress" and type this code. Dashes and capitals do not matter.
resume-restore-title = I have a resume code
resume-restore-text = Type the code you got on another device to find your progress here.
resume-restore-replace = If you type a code from another device, that progress is the one shown here.
resume-code-label = Resume code
resume-code-hint = 10 characters, for example ABCDE-FGH23.
resume-restore-button = Find my progress
resume-error-empty = Type your resume code.
resume-error-length = A resume code has 10 characters (not counting the dash). Check the code.
resume-error-character = The character "{ $character }" is never in a resume code (they have no 0, O, 1, I or L). Check the code.
resume-error-unknown = This code matches no progress. Check each character, or ask for a new code on the other device.
resume-error-too-many = Too many tries from this connection. Try again in { $minutes } minute(s).

## Budget tools
tools-more-title = Three tools to go further
tool-monthly-title = My monthly budget
tool-monthly-card = All your income and spending, line by line: what is left to live on per month, per day and per person.
tool-monthly-intro = Fill in only the lines that apply to you. Irregular spending is typed for the year: the tool spreads it over 12 months.
tool-debt-title = My debt ratio
tool-debt-card = The share of your income that goes on loan repayments, and what a new loan would change.
tool-debt-intro = The debt ratio is what you repay each month for your loans (insurance included), divided by your net monthly income.
tool-savings-title = My savings goal
tool-savings-card = How long it takes to put aside the sum you aim for.
tool-savings-intro = Type the sum you want to reach and what you can put aside each month.
tools-back = All budget tools
tools-private = What you type stays on this page: nothing is kept unless you press "Keep in my progress".
tools-print-hint = To keep a paper copy, print this page from your browser's menu: only your amounts and the result are printed.
tool-kept-notice = These are the amounts you kept on { $date }.
tool-errors-title = Some boxes need correcting:
tool-result-title = Result
tool-empty = Fill in the boxes: the result shows here.
tool-calculate = Calculate
tool-keep = Keep in my progress
tool-keep-hint = No name, no e-mail: the amounts are kept in your anonymous progress, which you can erase at any time.
budget-cat-income = What comes in each month
budget-cat-fixed = Fixed charges (each month)
budget-cat-everyday = Everyday spending (each month)
budget-cat-irregular = Irregular spending (for the whole year)
budget-cat-loans = Loan repayments (each month)
budget-irregular-hint = Type the total for a year: the tool divides it by 12.
budget-line-salaire = Wages
budget-line-caf = CAF benefits (RSA, prime d'activité, APL, family allowances)
budget-line-aah = AAH (disability allowance)
budget-line-retraite = Retirement pension
budget-line-pension-alimentaire = Maintenance received
budget-line-autres-revenus = Other income
budget-line-loyer = Rent (after APL if paid to the landlord) or mortgage on the home
budget-line-energie = Electricity, gas, heating
budget-line-eau = Water
budget-line-assurances = Insurance (home, car)
budget-line-telephone-internet = Phone, internet
budget-line-transport = Transport (pass, fuel)
budget-line-impots = Taxes paid monthly
budget-line-mutuelle = Health insurance (mutuelle)
budget-line-garde-cantine = Childcare, school canteen
budget-line-alimentation = Food shopping
budget-line-hygiene-maison = Hygiene, household products
budget-line-vetements = Clothes
budget-line-loisirs-divers = Leisure and other spending
budget-line-frais-scolaires = Back to school, supplies
budget-line-entretien-vehicule = Vehicle servicing and repairs
budget-line-fetes-cadeaux = Celebrations, presents, birthdays
budget-line-annuel-autres = Other yearly spending (yearly taxes…)
budget-line-credit-conso = Consumer credit, revolving credit
budget-line-credit-immobilier = Mortgage
budget-line-autres-dettes = Other debts, repayment plan
monthly-income = Total coming in
monthly-compulsory = Fixed charges and loans
monthly-reste = Left to live on per month
monthly-per-day = Left to live on per day
monthly-per-person = Left to live on per household member
monthly-everyday = Everyday spending
monthly-irregular = Irregular spending, per month
monthly-balance = What is left once everything is paid
monthly-debt-ratio = Debt ratio
budget-reading-shortfall = Your spending is above what comes in. It is not a fault: it is a signal to talk about it soon, before late payments pile up.
budget-reading-tight = Everything is paid, but little is left for the unexpected. Planning irregular spending helps avoid bad surprises.
budget-reading-room = Everything is paid and you have some margin. Putting a little aside each month protects against the unexpected.
monthly-debt-above = Your loan repayments are above 35 % of what comes in: that is a lot.
link-lesson-reste = Lesson: what is left to live on
link-lesson-signs = Lesson: the warning signs
link-lesson-irregular = Lesson: irregular spending
link-lesson-precaution = Lesson: rainy-day savings
link-lesson-little = Lesson: saving little by little
link-module-credit = Module: understanding credit
link-who-helps = Who can help you
debt-income = Household net income, per month
debt-repayments = Current loan repayments, per month (insurance included)
debt-new-repayment = Monthly payment of a new loan you are considering (optional)
debt-new-hint = Leave empty if you are not planning a new loan.
debt-no-income-error = Type your monthly income: without income, the ratio cannot be computed.
debt-current = Debt ratio today
debt-with-new = Ratio with the new loan
debt-room = Monthly payment still possible under 35 %
debt-reference = Benchmark: for a mortgage, banks must not go above { $percent } of income (rule of the Haut Conseil de stabilité financière, binding since January 2022). It is a good benchmark for every loan.
debt-above = Today, your repayments are above this benchmark: a new loan would make the budget more fragile.
debt-below = Today, your repayments stay under this benchmark.
debt-new-above = With the new loan, you would go above this benchmark. Before signing, take time to talk about it.
debt-new-below = With the new loan, you would stay under this benchmark. Check what is left to live on too.
savings-target = Sum you want to reach
savings-saved = What you have already put aside
savings-saved-hint = Leave empty if you start from zero.
savings-monthly = What you can put aside each month
savings-target-missing-error = Type the sum you want to reach.
savings-no-monthly-error = Type a sum to put aside each month, even a small one: without it, the goal cannot be reached.
savings-months = Time needed
savings-duration = { $months } months ({ $years } year(s) and { $rest } month(s))
savings-remaining = Still to put aside
savings-last = Last month's payment
savings-reached = You have already reached this sum. Well done!
savings-note = A small sum put aside each month ends up counting. A standing order on the day the money arrives helps.
quiz-best-so-far = Your best score so far: { $correct } out of { $total }. The answers are shuffled at each attempt.
quiz-see-last = See the correction of your last attempt
