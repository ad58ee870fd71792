//! The site shell and the route table.
use crate::{
    budget::{
        page::BudgetToolsPage,
        tool_pages::{DebtToolPage, MonthlyToolPage, SavingsToolPage},
    },
    dashboard::pages::DashboardPage,
    help::pages::{EditHelpPage, HelpDirectoryPage, HelpGuidePage, StaffHelpPage},
    i18n::{t, use_lang},
    joint::pages::{
        JointSessionsPage, ProposalPage, ProposeSessionPage, StaffCalendarPage, UnavailabilityPage,
    },
    layout::{SiteFooter, SiteHeader},
    lessons::{
        catalogue::CataloguePage,
        editor_pages::{DraftPage, LessonHistoryPage, LessonsStaffPage, NewLessonPage},
        pages::{GlossaryPage, LessonPage, ModuleGuidePage, ModulePage, SearchPage},
    },
    pages::{
        about::{AccessibilityPage, LegalPage, PrivacyPage},
        errors::NotFoundPage,
        home::HomePage,
        sitemap::SitemapPage,
    },
    progress::page::{FlashMessages, ProgressPage},
    quizzes::pages::{CorrectionPage, QuizPage},
    selfcheck::pages::SelfCheckPage,
    staff::pages::{
        AccountsPage, AuditPage, ContentPage, LoginPage, OrganisationsPage, PasswordPage,
        StaffHomePage,
    },
    staff::reset_pages::{ForgotPasswordPage, NewPasswordPage},
    workshops::page::{
        PlacesPage, RegistrationPage, StaffWorkshopsPage, WorkshopPage, WorkshopsPage,
    },
    workshops::staff_pages::{
        EditWorkshopPage, ManageWorkshopPage, SignInSheetPage, StaffBookingsPage,
    },
    workshops::trainings::TrainingsPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Paths of the public pages, in French (stable URLs), as listed by the site map.
pub mod paths {
    pub const HOME: &str = "/";
    /// The site's stylesheet, written by cargo-leptos. Pages link it with a version drawn
    /// from its content ([`crate::state::StylesheetHref`]).
    pub const STYLESHEET: &str = "/pkg/reperes.css";
    pub const MODULES: &str = "/modules";
    pub const TOOLS: &str = "/outils-budget";
    pub const WORKSHOPS: &str = "/ateliers";
    pub const PROGRESS: &str = "/mon-parcours";
    pub const SITEMAP: &str = "/plan-du-site";
    pub const ACCESSIBILITY: &str = "/accessibilite";
    pub const PRIVACY: &str = "/donnees-personnelles";
    pub const LEGAL: &str = "/mentions-legales";
    pub const GLOSSARY: &str = "/glossaire";
    pub const SEARCH: &str = "/recherche";
    /// Where "effacer ma progression" posts.
    pub const FORGET: &str = "/mon-parcours/oublier";
    /// Where "obtenir un code de reprise" posts.
    pub const RESUME_CODE: &str = "/mon-parcours/code";
    /// Where a resume code is typed to restore progress.
    pub const RESTORE: &str = "/mon-parcours/reprendre";
    /// Staff login (GET shows the form, POST logs in).
    pub const LOGIN: &str = "/connexion";
    /// Staff logout (POST).
    pub const LOGOUT: &str = "/deconnexion";
    /// The staff area's home.
    pub const STAFF: &str = "/espace-pro";
    /// Changing one's own password (GET form, POST change).
    pub const STAFF_PASSWORD: &str = "/espace-pro/mot-de-passe";
    /// Accounts (admins).
    pub const STAFF_ACCOUNTS: &str = "/espace-pro/comptes";
    /// Organisations (admins).
    pub const STAFF_ORGANISATIONS: &str = "/espace-pro/organisations";
    /// Workshops of one's organisation (coordinators, admins).
    pub const STAFF_WORKSHOPS: &str = "/espace-pro/ateliers";
    /// Places (admins).
    pub const STAFF_PLACES: &str = "/espace-pro/lieux";
    /// Asking for a password reset link (staff, when e-mail is configured).
    pub const PASSWORD_FORGOTTEN: &str = "/connexion/mot-de-passe-oublie";
    /// A password reset link: `/connexion/nouveau-mot-de-passe/{token}`.
    pub const PASSWORD_RESET: &str = "/connexion/nouveau-mot-de-passe";
    /// Bookings staff make for the households they accompany.
    pub const STAFF_BOOKINGS: &str = "/espace-pro/reservations";
    /// The help directory, "Qui peut m'aider ?", and its pages (`/aide/{page}`).
    pub const HELP: &str = "/aide";
    /// Staff pages of the help directory (`/espace-pro/aide/{id}` to change an entry).
    pub const STAFF_HELP: &str = "/espace-pro/aide";
    /// The partnership's dashboard (`…/{table}.csv` for each table as CSV).
    pub const DASHBOARD: &str = "/espace-pro/tableau-de-bord";
    /// The anonymous self-check, "Où en suis-je ?".
    pub const SELF_CHECK: &str = "/ou-en-suis-je";
    /// Professional trainings: staff sign up for themselves.
    pub const STAFF_TRAININGS: &str = "/espace-pro/formations";
    /// Content problems and notes to review (any staff).
    pub const STAFF_CONTENT: &str = "/espace-pro/contenu";
    /// The audit log (admins).
    pub const STAFF_AUDIT: &str = "/espace-pro/journal";
    /// Where the language switch posts.
    pub const LANGUAGE: &str = "/langue";
    /// The calendar feed (iCalendar) of the public workshops.
    pub const WORKSHOPS_CALENDAR: &str = "/ateliers.ics";

    /// Joint sessions: one's proposals and invitations, and one's calendar feed.
    pub const JOINT: &str = "/espace-pro/seances";
    /// The form to propose a joint session (GET form, POST create).
    pub const JOINT_PROPOSE: &str = "/espace-pro/seances/proposer";
    /// One proposal: `/espace-pro/seances/propositions/{id}`.
    pub const JOINT_PROPOSALS: &str = "/espace-pro/seances/propositions";
    /// Where a personal calendar feed address is made (POST) or revoked (`/revoquer`).
    pub const STAFF_FEED: &str = "/espace-pro/seances/agenda";
    /// The same for one's organisation (coordinators and admins).
    pub const ORGANISATION_FEED: &str = "/espace-pro/seances/agenda-organisation";
    /// The staff calendar of sessions (list, week, month).
    pub const STAFF_CALENDAR: &str = "/espace-pro/calendrier";
    /// One's unavailability (GET list and form, POST add).
    pub const UNAVAILABILITY: &str = "/espace-pro/indisponibilites";

    /// Lessons written in the browser: the list of lessons and drafts.
    pub const LESSONS_STAFF: &str = "/espace-pro/lecons";
    /// The new-lesson form (GET form, POST create a draft).
    pub const LESSON_NEW: &str = "/espace-pro/lecons/nouvelle";
    /// Drafts: POST here opens one for an existing lesson; `/{id}` is a draft's page.
    pub const LESSON_DRAFTS: &str = "/espace-pro/lecons/brouillons";
    /// A lesson's history: `/{module}/{lesson}`.
    pub const LESSON_HISTORY: &str = "/espace-pro/lecons/historique";
    /// A module in the `content/` format, as a zip file: `/{module}`.
    pub const LESSON_EXPORT: &str = "/espace-pro/lecons/export";

    /// The calendar file (iCalendar) of one workshop.
    pub fn workshop_calendar(id: i64) -> String {
        format!("{WORKSHOPS}/{id}/atelier.ics")
    }
}

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The text of every page's `<title>`: the page's own title, then the site's name.
/// leptos_meta writes it into the document as it is, and page titles are often typed by
/// staff (workshops, proposals, help entries, lessons): it is escaped here, the one place
/// every title passes through. Only the server writes titles (pages are not hydrated).
pub fn title_text(text: &str, suffix: &str) -> String {
    let full = if text.is_empty() {
        suffix.to_string()
    } else {
        format!("{text} · {suffix}")
    };
    #[cfg(feature = "ssr")]
    let full = html_escape::encode_text(&full).into_owned();
    full
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_lang();
    let suffix = t(lang, "page-title-suffix");
    #[cfg(feature = "ssr")]
    let stylesheet = use_context::<crate::state::StylesheetHref>()
        .map(|href| href.0)
        .unwrap_or_else(|| paths::STYLESHEET.to_string());
    #[cfg(not(feature = "ssr"))]
    let stylesheet = paths::STYLESHEET.to_string();
    view! {
        <Stylesheet id="leptos" href=stylesheet />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Meta name="description" content=t(lang, "home-lead") />
        <Title formatter=move |text: String| title_text(&text, &suffix) />
        <Router>
            <SiteHeader />
            <main id="contenu" tabindex="-1">
                <FlashMessages />
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("modules") view=CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module") view=ModulePage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/imprimer") view=ModuleGuidePage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/quiz") view=QuizPage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/quiz/correction") view=CorrectionPage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/:lesson/quiz") view=QuizPage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/:lesson/quiz/correction") view=CorrectionPage ssr=SsrMode::Async />
                    <Route path=path!("modules/:module/:lesson") view=LessonPage ssr=SsrMode::Async />
                    <Route path=path!("glossaire") view=GlossaryPage ssr=SsrMode::Async />
                    <Route path=path!("recherche") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("outils-budget") view=BudgetToolsPage ssr=SsrMode::Async />
                    <Route path=path!("outils-budget/budget-mensuel") view=MonthlyToolPage ssr=SsrMode::Async />
                    <Route path=path!("outils-budget/endettement") view=DebtToolPage ssr=SsrMode::Async />
                    <Route path=path!("outils-budget/epargne") view=SavingsToolPage ssr=SsrMode::Async />
                    <Route path=path!("ateliers") view=WorkshopsPage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/:id") view=WorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/inscription/:token") view=RegistrationPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/ateliers") view=StaffWorkshopsPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/ateliers/:id") view=ManageWorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/ateliers/:id/modifier") view=EditWorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/ateliers/:id/emargement") view=SignInSheetPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/reservations") view=StaffBookingsPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/formations") view=TrainingsPage ssr=SsrMode::Async />
                    <Route path=path!("aide") view=HelpDirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("ou-en-suis-je") view=SelfCheckPage ssr=SsrMode::Async />
                    <Route path=path!("aide/:page") view=HelpGuidePage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/aide") view=StaffHelpPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/tableau-de-bord") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/aide/:id") view=EditHelpPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/lieux") view=PlacesPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/seances") view=JointSessionsPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/seances/proposer") view=ProposeSessionPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/seances/propositions/:id") view=ProposalPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/lecons") view=LessonsStaffPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/lecons/nouvelle") view=NewLessonPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/lecons/brouillons/:id") view=DraftPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/lecons/historique/:module/:lesson") view=LessonHistoryPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/calendrier") view=StaffCalendarPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/indisponibilites") view=UnavailabilityPage ssr=SsrMode::Async />
                    <Route path=path!("mon-parcours") view=ProgressPage ssr=SsrMode::Async />
                    <Route path=path!("plan-du-site") view=SitemapPage ssr=SsrMode::Async />
                    <Route path=path!("connexion") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("connexion/mot-de-passe-oublie") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("connexion/nouveau-mot-de-passe/:token") view=NewPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro") view=StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/mot-de-passe") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/journal") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/contenu") view=ContentPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/comptes") view=AccountsPage ssr=SsrMode::Async />
                    <Route path=path!("espace-pro/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                    <Route path=path!("accessibilite") view=AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("donnees-personnelles") view=PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("mentions-legales") view=LegalPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::title_text;

    #[test]
    fn a_typed_title_cannot_close_the_title_element() {
        let title = title_text(
            "</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "Repères",
        );
        assert!(!title.contains('<') && !title.contains('>'), "{title}");
        assert!(title.starts_with("&lt;/title&gt;&lt;meta"), "{title}");
        assert_eq!(title_text("", "Repères"), "Repères");
        assert_eq!(
            title_text("Budget & épargne", "Repères"),
            "Budget &amp; épargne · Repères"
        );
    }
}
