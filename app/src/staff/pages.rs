//! Staff pages: login, the staff area's home, changing one's password, the audit log.
//! Every server function here checks the session itself ([`super::auth::current_staff`]).
use super::model::{PasswordError, Role, StaffMember};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg},
    pages::errors::{loaded, set_status},
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// The logged-in staff member (401 when nobody is).
#[server(endpoint = "staff/me")]
pub async fn me() -> Result<StaffMember, AppError> {
    async move { require_staff().await }
        .await
        .map_err(AppError::answered)
}

/// The logged-in staff member, or 401.
#[cfg(feature = "ssr")]
pub async fn require_staff() -> Result<StaffMember, AppError> {
    let store = expect_context::<crate::db::Store>();
    let session = crate::progress::session::current_session().ok_or(AppError::Unauthorized)?;
    super::auth::current_staff(&store, &session, crate::state::unix_now())
        .await?
        .ok_or(AppError::Unauthorized)
}

/// One line of the audit log as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub detail: String,
}

/// The latest 200 audit entries (admins only).
#[server(endpoint = "staff/audit")]
pub async fn audit_log() -> Result<Vec<AuditEntry>, AppError> {
    async move {
        require_admin().await?;
        let store = expect_context::<crate::db::Store>();
        Ok(store
            .audit_entries(200)
            .await?
            .into_iter()
            .map(|(at, actor, action, detail)| AuditEntry {
                at,
                actor,
                action,
                detail,
            })
            .collect())
    }
    .await
    .map_err(AppError::answered)
}

/// Why a login form came back, provided as context by the server.
#[derive(Clone, Debug)]
pub enum LoginProblem {
    Missing,
    Refused,
    Throttled { seconds: i64 },
}

/// The refused login form: the e-mail typed (never the password) and the problem.
#[derive(Clone, Debug)]
pub struct PostedLogin {
    pub email: String,
    pub problem: LoginProblem,
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedLogin>();
    let (email, message) = match &posted {
        Some(p) => {
            set_status(match p.problem {
                LoginProblem::Throttled { .. } => 429,
                LoginProblem::Refused => 401,
                LoginProblem::Missing => 422,
            });
            let message = match p.problem {
                LoginProblem::Missing => t(lang, "login-missing"),
                LoginProblem::Refused => t(lang, "login-refused"),
                LoginProblem::Throttled { seconds } => t_args(
                    lang,
                    "login-throttled",
                    &[("seconds", FluentArg::Number(seconds))],
                ),
            };
            (p.email.clone(), Some(message))
        }
        None => (String::new(), None),
    };
    view! {
        <Title text=t(lang, "login-title") />
        <div class="page">
            <h1>{t(lang, "login-title")}</h1>
            <p class="lead">{t(lang, "login-lead")}</p>
            <form method="post" action=paths::LOGIN class="login">
                {message.map(|m| view! { <p class="form-error" role="alert" id="login-erreur">{m}</p> })}
                <div class="field">
                    <label for="email">{t(lang, "login-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required value=email />
                </div>
                <div class="field">
                    <label for="password">{t(lang, "login-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                </div>
                <button type="submit">{t(lang, "login-submit")}</button>
            </form>
            <p><a href=paths::PASSWORD_FORGOTTEN>{t(lang, "login-forgotten")}</a></p>
        </div>
    }
}

#[component]
fn LogoutForm() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action=paths::LOGOUT class="logout">
            <button type="submit" class="secondary">{t(lang, "logout")}</button>
        </form>
    }
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = use_lang();
    loaded(me(), move |m: StaffMember| {
        view! {
            <Title text=t(lang, "staff-title") />
            <div class="page">
                <h1>{t(lang, "staff-title")}</h1>
                <p class="lead">{t_args(lang, "staff-welcome", &[
                    ("name", FluentArg::Text(m.name.clone())),
                    ("role", FluentArg::Text(t(lang, m.role.label_key()))),
                    ("organisation", FluentArg::Text(m.organisation_name.clone())),
                ])}</p>
                {m.must_change_password.then(|| view! {
                    <p class="callout" role="status">{t(lang, "staff-must-change")} " "
                        <a href=paths::STAFF_PASSWORD>{t(lang, "password-title")}</a></p>
                })}
                <ul>
                    {(m.role != Role::Trainer).then(|| view! { <li><a href=paths::STAFF_WORKSHOPS>{t(lang, "staff-workshops-title")}</a></li> })}
                    <li><a href=paths::JOINT>{t(lang, "joint-title")}</a></li>
                    <li><a href=paths::STAFF_CALENDAR>{t(lang, "calendar-title")}</a></li>
                    <li><a href=paths::STAFF_BOOKINGS>{t(lang, "staff-home-bookings")}</a></li>
                    <li><a href=paths::STAFF_TRAININGS>{t(lang, "trainings-title")}</a></li>
                    <li><a href=paths::STAFF_HELP>{t(lang, "help-staff-title")}</a></li>
                    <li><a href=paths::DASHBOARD>{t(lang, "dashboard-title")}</a></li>
                    <li><a href=paths::LESSONS_STAFF>{t(lang, "lessons-staff-title")}</a></li>
                    <li><a href=paths::STAFF_CONTENT>{t(lang, "content-title")}</a></li>
                    <li><a href=paths::STAFF_PASSWORD>{t(lang, "password-title")}</a></li>
                    {(m.role == Role::Admin).then(|| view! {
                        <li><a href=paths::STAFF_ACCOUNTS>{t(lang, "accounts-title")}</a></li>
                        <li><a href=paths::STAFF_ORGANISATIONS>{t(lang, "organisations-title")}</a></li>
                        <li><a href=paths::STAFF_PLACES>{t(lang, "places-title")}</a></li>
                        <li><a href=paths::STAFF_AUDIT>{t(lang, "audit-title")}</a></li>
                    })}
                </ul>
                <LogoutForm />
            </div>
        }
    })
}

/// A refused password change, provided as context by the server.
#[derive(Clone, Debug)]
pub enum PasswordProblem {
    WrongCurrent,
    Policy(PasswordError),
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let problem = use_context::<PasswordProblem>();
    loaded(me(), move |m: StaffMember| {
        let message = problem.map(|p| {
            set_status(422);
            match p {
                PasswordProblem::WrongCurrent => t(lang, "password-wrong-current"),
                PasswordProblem::Policy(e) => t(lang, e.message_key()),
            }
        });
        view! {
            <Title text=t(lang, "password-title") />
            <div class="page">
                <h1>{t(lang, "password-title")}</h1>
                {m.must_change_password.then(|| view! { <p class="callout">{t(lang, "staff-must-change")}</p> })}
                <form method="post" action=paths::STAFF_PASSWORD>
                    {message.map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <div class="field">
                        <label for="current">{t(lang, "password-current")}</label>
                        <input id="current" name="current" type="password" autocomplete="current-password" required />
                    </div>
                    <div class="field">
                        <label for="new">{t(lang, "password-new")}</label>
                        <span class="hint" id="new-aide">{t(lang, "password-rule")}</span>
                        <input id="new" name="new" type="password" autocomplete="new-password" required aria-describedby="new-aide" />
                    </div>
                    <div class="field">
                        <label for="confirm">{t(lang, "password-confirm")}</label>
                        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
                    </div>
                    <button type="submit">{t(lang, "password-submit")}</button>
                </form>
                <p><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
            </div>
        }
    })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    loaded(audit_log(), move |entries: Vec<AuditEntry>| {
        view! {
            <Title text=t(lang, "audit-title") />
            <div class="page">
                <h1>{t(lang, "audit-title")}</h1>
                <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "audit-title")>
                    <table>
                        <thead><tr>
                            <th scope="col">{t(lang, "audit-when")}</th>
                            <th scope="col">{t(lang, "audit-who")}</th>
                            <th scope="col">{t(lang, "audit-what")}</th>
                            <th scope="col">{t(lang, "audit-detail")}</th>
                        </tr></thead>
                        <tbody>
                            {entries.into_iter().map(|e| {
                                let when = chrono::DateTime::from_timestamp(e.at, 0)
                                    .map(|d| format::date_time(d, lang))
                                    .unwrap_or_default();
                                view! { <tr><td>{when}</td><td>{e.actor.unwrap_or_else(|| "—".into())}</td><td>{e.action}</td><td>{e.detail}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
            </div>
        }
    })
}

/// What the accounts page shows (admins only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsData {
    pub me: StaffMember,
    pub accounts: Vec<StaffMember>,
    pub organisations: Vec<(i64, String, super::model::OrganisationKind)>,
    /// A temporary password just set: (account name, password), shown once.
    pub new_password: Option<(String, String)>,
}

#[server(endpoint = "staff/accounts")]
pub async fn load_accounts() -> Result<AccountsData, AppError> {
    async move {
        let me = require_admin().await?;
        let store = expect_context::<crate::db::Store>();
        let session = crate::progress::session::current_session().ok_or(AppError::Unauthorized)?;
        Ok(AccountsData {
            me,
            accounts: store.list_staff().await?,
            organisations: store.list_organisations().await?,
            new_password: super::auth::take_temporary_password(&session).await,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// The logged-in administrator: 401 when nobody is logged in, 403 for other roles.
#[cfg(feature = "ssr")]
pub async fn require_admin() -> Result<StaffMember, AppError> {
    let member = require_staff().await?;
    if member.role == Role::Admin {
        Ok(member)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A refused account or organisation form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedAccount {
    pub email: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub kind: String,
    pub error: Option<super::model::AccountError>,
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedAccount>().unwrap_or_default();
    loaded(load_accounts(), move |data: AccountsData| {
        let error = posted.error.map(|e| {
            set_status(422);
            t(lang, e.message_key())
        });
        let org_options = data.organisations.clone();
        let posted_org = posted.organisation.clone();
        let posted_role = posted.role.clone();
        view! {
            <Title text=t(lang, "accounts-title") />
            <div class="page">
                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                <h1>{t(lang, "accounts-title")}</h1>
                {data.new_password.map(|(name, password)| view! {
                    <div class="flash" role="status">
                        <p>{t_args(lang, "accounts-temporary", &[("name", FluentArg::Text(name))])}</p>
                        <p class="code" translate="no"><strong>{password}</strong></p>
                        <p>{t(lang, "accounts-temporary-hint")}</p>
                    </div>
                })}
                <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "accounts-title")>
                    <table>
                        <thead><tr>
                            <th scope="col">{t(lang, "accounts-name")}</th>
                            <th scope="col">{t(lang, "accounts-organisation")}</th>
                            <th scope="col">{t(lang, "accounts-role")}</th>
                            <th scope="col">{t(lang, "accounts-state")}</th>
                            <th scope="col">{t(lang, "accounts-actions")}</th>
                        </tr></thead>
                        <tbody>
                            {data.accounts.into_iter().map(|a| {
                                let base = format!("{}/{}", paths::STAFF_ACCOUNTS, a.id);
                                let toggle = (a.id != data.me.id).then(|| view! {
                                    <form method="post" action=format!("{base}/actif")>
                                        <input type="hidden" name="actif" value=if a.active { "0" } else { "1" } />
                                        <button type="submit" class="secondary">{t(lang, if a.active { "accounts-deactivate" } else { "accounts-reactivate" })}
                                            <span class="visually-hidden">" " {a.name.clone()}</span></button>
                                    </form>
                                });
                                view! {
                                    <tr>
                                        <th scope="row">{a.name.clone()} <br /> <span class="meta">{a.email.clone()}</span></th>
                                        <td>{a.organisation_name.clone()}</td>
                                        <td>{t(lang, a.role.label_key())}</td>
                                        <td>{t(lang, if a.active { "accounts-active" } else { "accounts-inactive" })}</td>
                                        <td>
                                            {toggle}
                                            // One's own password is changed, not reset: a reset
                                            // would end this very session.
                                            {if a.id == data.me.id {
                                                view! { <a href=paths::STAFF_PASSWORD>{t(lang, "password-title")}</a> }.into_any()
                                            } else {
                                                view! {
                                                    <form method="post" action=format!("{base}/mot-de-passe")>
                                                        <button type="submit" class="secondary">{t(lang, "accounts-reset")}
                                                            <span class="visually-hidden">" " {a.name.clone()}</span></button>
                                                    </form>
                                                }.into_any()
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2 id="new-account">{t(lang, "accounts-new")}</h2>
                <form method="post" action=paths::STAFF_ACCOUNTS>
                    {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <div class="field">
                        <label for="account-name">{t(lang, "accounts-name")}</label>
                        <input id="account-name" name="name" required value=posted.name.clone() autocomplete="off" />
                    </div>
                    <div class="field">
                        <label for="account-email">{t(lang, "login-email")}</label>
                        <input id="account-email" name="email" type="email" required value=posted.email.clone() autocomplete="off" />
                    </div>
                    <div class="field">
                        <label for="account-organisation">{t(lang, "accounts-organisation")}</label>
                        <select id="account-organisation" name="organisation">
                            {org_options.into_iter().map(|(id, name, _)| {
                                let selected = posted_org == id.to_string();
                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="account-role">{t(lang, "accounts-role")}</label>
                        <select id="account-role" name="role">
                            {Role::ALL.into_iter().rev().map(|r| {
                                let selected = posted_role == r.code();
                                view! { <option value=r.code() selected=selected>{t(lang, r.label_key())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit">{t(lang, "accounts-create")}</button>
                </form>
                <p><a href=paths::STAFF_ORGANISATIONS>{t(lang, "organisations-title")}</a></p>
            </div>
        }
    })
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedAccount>().unwrap_or_default();
    loaded(load_accounts(), move |data: AccountsData| {
        let error = posted.error.map(|e| {
            set_status(422);
            t(lang, e.message_key())
        });
        view! {
            <Title text=t(lang, "organisations-title") />
            <div class="page">
                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                <h1>{t(lang, "organisations-title")}</h1>
                <ul>
                    {data.organisations.into_iter().map(|(_, name, kind)| view! {
                        <li>{name} " — " {t(lang, if kind == super::model::OrganisationKind::Ccas { "organisation-ccas" } else { "organisation-bank" })}</li>
                    }).collect_view()}
                </ul>
                <h2>{t(lang, "organisations-new")}</h2>
                <form method="post" action=paths::STAFF_ORGANISATIONS>
                    {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <div class="field">
                        <label for="organisation-name">{t(lang, "organisations-name")}</label>
                        <input id="organisation-name" name="name" required value=posted.name.clone() autocomplete="off" />
                    </div>
                    <fieldset class="tool-group">
                        <legend>{t(lang, "organisations-kind")}</legend>
                        <p class="option"><input type="radio" id="kind-bank" name="kind" value="bank" checked=posted.kind != "ccas" />
                            <label for="kind-bank">{t(lang, "organisation-bank")}</label></p>
                        <p class="option"><input type="radio" id="kind-ccas" name="kind" value="ccas" checked=posted.kind == "ccas" />
                            <label for="kind-ccas">{t(lang, "organisation-ccas")}</label></p>
                    </fieldset>
                    <button type="submit">{t(lang, "organisations-create")}</button>
                </form>
            </div>
        }
    })
}

/// The last import's problems and the notes marked "to review" in the lessons, for
/// trainers (each as `file:line: message`).
#[server(endpoint = "staff/content")]
pub async fn content_report() -> Result<(Vec<String>, Vec<String>, Vec<String>), AppError> {
    async move {
        require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let problems = store
            .content_problems()
            .await?
            .iter()
            .map(ToString::to_string)
            .collect();
        let to_review = store
            .content_to_review()
            .await?
            .iter()
            .map(ToString::to_string)
            .collect();
        let browser = store
            .content_browser_newer()
            .await?
            .iter()
            .map(ToString::to_string)
            .collect();
        Ok((problems, to_review, browser))
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn ContentPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        content_report(),
        move |(problems, to_review, browser): (Vec<String>, Vec<String>, Vec<String>)| {
            let list = |items: Vec<String>, empty: &'static str| {
                if items.is_empty() {
                    view! { <p>{t(lang, empty)}</p> }.into_any()
                } else {
                    view! { <ul class="content-report">{items.into_iter().map(|i| view! { <li><code>{i}</code></li> }).collect_view()}</ul> }.into_any()
                }
            };
            view! {
                <Title text=t(lang, "content-title") />
                <div class="page">
                    <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                    <h1>{t(lang, "content-title")}</h1>
                    <p class="lead">{t(lang, "content-lead")}</p>
                    <h2>{t(lang, "content-problems")}</h2>
                    {list(problems, "content-no-problem")}
                    <h2>{t(lang, "content-to-review")}</h2>
                    {list(to_review, "content-nothing-to-review")}
                    <h2>{t(lang, "content-browser-newer")}</h2>
                    <p>{t(lang, "content-browser-newer-lead")} " " <a href=paths::LESSONS_STAFF>{t(lang, "lessons-staff-title")}</a></p>
                    {list(browser, "content-browser-none")}
                </div>
            }
        },
    )
}
