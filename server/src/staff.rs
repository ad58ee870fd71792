//! Staff form handlers (login, logout, password change) and the command that creates
//! the first administrator. Each handler checks the session itself.
use crate::{forms::read_form, pages::error_page as error_response, render::render_page_with};
use app::{
    app::paths,
    error::AppError,
    progress::{model::Flash, session as progress_session},
    staff::{
        auth::{self, LoginOutcome},
        model::{check_new_password, normalize_email, AccountError, OrganisationKind, Role},
        pages::{LoginProblem, PasswordProblem, PostedAccount, PostedLogin},
    },
    state::{unix_now, AppState},
};
use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize, Default)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /connexion`: logs a staff member in, or brings the form back with the e-mail
/// kept and the problem named (401 wrong credentials, 429 throttled).
pub async fn login(State(state): State<AppState>, session: Session, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let form: LoginForm = read_form(body).await;
    let client = crate::client::key_in(&parts.extensions);
    let email = normalize_email(&form.email);
    let problem = if email.is_empty() || form.password.is_empty() {
        LoginProblem::Missing
    } else {
        match auth::log_in(
            &state.store,
            &session,
            &client,
            &email,
            &form.password,
            unix_now(),
        )
        .await
        {
            Ok(LoginOutcome::LoggedIn(member)) => {
                let to = if member.must_change_password {
                    paths::STAFF_PASSWORD
                } else {
                    paths::STAFF
                };
                return crate::headers::see_other(to);
            }
            Ok(LoginOutcome::Refused) => LoginProblem::Refused,
            Ok(LoginOutcome::Throttled { retry_after }) => LoginProblem::Throttled {
                seconds: retry_after,
            },
            Err(error) => return error_response(error),
        }
    };
    let retry = match problem {
        LoginProblem::Throttled { seconds } => Some(seconds),
        _ => None,
    };
    let mut response = render_page_with(state, parts, move || {
        provide_context(PostedLogin {
            email: email.clone(),
            problem: problem.clone(),
        })
    })
    .await;
    if let Some(seconds) = retry {
        crate::client::set_retry_after(&mut response, seconds);
    }
    response
}

/// `POST /deconnexion`: deletes the session (server side) and expires the cookie.
pub async fn logout(State(state): State<AppState>, session: Session) -> Response {
    if let Ok(Some(member)) = auth::current_staff(&state.store, &session, unix_now()).await {
        let _ = state
            .store
            .audit(Some(member.id), "logout", "", unix_now())
            .await;
    }
    match auth::log_out(&session).await {
        Ok(()) => crate::headers::see_other(paths::HOME),
        Err(error) => error_response(error),
    }
}

#[derive(Deserialize, Default)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /espace-pro/mot-de-passe`: changes one's own password (the current one is
/// asked again), then goes back to the staff area.
pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let now = unix_now();
    let member = match auth::current_staff(&state.store, &session, now).await {
        Ok(Some(member)) => member,
        Ok(None) => return error_response(AppError::Unauthorized),
        Err(error) => return error_response(error),
    };
    let (parts, body) = request.into_parts();
    let form: PasswordForm = read_form(body).await;
    let hash = match state.store.staff_password_hash(member.id).await {
        Ok(Some(hash)) => hash,
        Ok(None) => return crate::headers::see_other(paths::LOGIN),
        Err(error) => return error_response(error.into()),
    };
    let problem = if !auth::verify_password(form.current.chars().take(128).collect(), hash).await {
        Some(PasswordProblem::WrongCurrent)
    } else {
        check_new_password(&form.new, &form.confirm, &member.email)
            .err()
            .map(PasswordProblem::Policy)
    };
    if let Some(problem) = problem {
        return render_page_with(state, parts, move || provide_context(problem.clone())).await;
    }
    let result = async {
        let hash = auth::hash_password(form.new.clone()).await?;
        state
            .store
            .set_staff_password(member.id, &hash, false)
            .await?;
        state
            .store
            .audit(Some(member.id), "password-changed", "", now)
            .await?;
        auth::keep_after_password_change(&session, &hash).await
    }
    .await;
    match result {
        Ok(()) => {
            progress_session::push_flash(&session, Flash::PasswordChanged).await;
            crate::headers::see_other(paths::STAFF)
        }
        Err(error) => error_response(error),
    }
}

/// `server create-admin`: creates the first administrator (and its organisation).
/// The password comes from `REPERES_ADMIN_PASSWORD` or standard input, never argv.
pub async fn create_admin(
    store: &app::db::Store,
    organisation: &str,
    email: &str,
    name: &str,
    password: &str,
) -> anyhow::Result<i64> {
    let now = unix_now();
    let email = normalize_email(email);
    anyhow::ensure!(email.contains('@'), "the e-mail address is not valid");
    anyhow::ensure!(!name.trim().is_empty(), "a name is needed");
    check_new_password(password, password, &email).map_err(|e| {
        anyhow::anyhow!("password refused: {e:?} (at least 12 characters, not the e-mail)")
    })?;
    let organisation_id = store
        .ensure_organisation(organisation.trim(), OrganisationKind::Ccas, now)
        .await?;
    let hash = auth::hash_password(password.to_string())
        .await
        .map_err(|_| anyhow::anyhow!("password hashing failed"))?;
    let id = store
        .create_staff(
            organisation_id,
            &email,
            name.trim(),
            Role::Admin,
            &hash,
            false,
            now,
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("an account already uses {email}"))?;
    store.audit(None, "admin-created", &email, now).await?;
    Ok(id)
}

/// The logged-in administrator, or the response to send instead: the login page's
/// address for nobody (303), a French 403 page for another role.
async fn admin_or_refusal(
    state: &AppState,
    session: &Session,
) -> Result<app::staff::model::StaffMember, Response> {
    match auth::current_staff(&state.store, session, unix_now()).await {
        Ok(Some(member)) if member.role == Role::Admin => Ok(member),
        Ok(Some(_)) => Err(error_response(AppError::Forbidden)),
        Ok(None) => Err(error_response(AppError::Unauthorized)),
        Err(error) => Err(error_response(error)),
    }
}

#[derive(Deserialize, Default)]
struct AccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
}

/// `POST /espace-pro/comptes`: an administrator creates an account with a temporary
/// password, shown once, to be changed at first login.
pub async fn create_account(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let admin = match admin_or_refusal(&state, &session).await {
        Ok(admin) => admin,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let form: AccountForm = read_form(body).await;
    let email = normalize_email(&form.email);
    let name = form.name.trim().chars().take(120).collect::<String>();
    let organisations = match state.store.list_organisations().await {
        Ok(list) => list,
        Err(error) => return error_response(error.into()),
    };
    let organisation = form
        .organisation
        .parse::<i64>()
        .ok()
        .filter(|id| organisations.iter().any(|(o, ..)| o == id));
    let role = Role::parse(&form.role);
    let problem = if !app::staff::model::valid_email(&email) {
        Some(AccountError::BadEmail)
    } else if name.is_empty() {
        Some(AccountError::NameMissing)
    } else if organisation.is_none() {
        Some(AccountError::UnknownOrganisation)
    } else if role.is_none() {
        Some(AccountError::UnknownRole)
    } else {
        None
    };
    let refuse = |error: AccountError, parts| {
        let posted = PostedAccount {
            email: form.email.clone(),
            name: form.name.clone(),
            role: form.role.clone(),
            organisation: form.organisation.clone(),
            kind: String::new(),
            error: Some(error),
        };
        render_page_with(state.clone(), parts, move || {
            provide_context(posted.clone())
        })
    };
    if let Some(error) = problem {
        return refuse(error, parts).await;
    }
    let (Some(organisation), Some(role)) = (organisation, role) else {
        return refuse(AccountError::UnknownRole, parts).await;
    };
    let password = auth::new_temporary_password();
    let now = unix_now();
    let created = async {
        let hash = auth::hash_password(password.clone()).await?;
        Ok::<_, AppError>(
            state
                .store
                .create_staff(organisation, &email, &name, role, &hash, true, now)
                .await?,
        )
    }
    .await;
    match created {
        Ok(Some(id)) => {
            let detail = format!("compte {id} ({}) {email}", role.code());
            if let Err(error) = state
                .store
                .audit(Some(admin.id), "account-created", &detail, now)
                .await
            {
                return error_response(error.into());
            }
            if let Err(error) = auth::keep_temporary_password(&session, &name, &password).await {
                return error_response(error);
            }
            crate::headers::see_other(paths::STAFF_ACCOUNTS)
        }
        Ok(None) => refuse(AccountError::EmailTaken, parts).await,
        Err(error) => error_response(error),
    }
}

fn account_id(uri: &axum::http::Uri) -> Option<i64> {
    // /espace-pro/comptes/{id}/…
    uri.path().split('/').nth(3).and_then(|s| s.parse().ok())
}

#[derive(Deserialize, Default)]
struct ActiveForm {
    #[serde(default)]
    actif: String,
}

/// `POST /espace-pro/comptes/{id}/actif`: deactivates (its sessions end at their next
/// request) or reactivates an account. An administrator cannot deactivate themself.
pub async fn set_account_active(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let admin = match admin_or_refusal(&state, &session).await {
        Ok(admin) => admin,
        Err(response) => return response,
    };
    let Some(id) = account_id(request.uri()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let form: ActiveForm = read_form(request.into_body()).await;
    let active = form.actif == "1";
    if id == admin.id {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::pages::simple_page(
                "Action impossible",
                "Vous ne pouvez pas désactiver votre propre compte.",
            ),
        )
            .into_response();
    }
    match state.store.staff_member(id).await {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return error_response(error.into()),
    }
    let now = unix_now();
    let action = if active {
        "account-reactivated"
    } else {
        "account-deactivated"
    };
    let result = async {
        state.store.set_staff_active(id, active).await?;
        state
            .store
            .audit(Some(admin.id), action, &format!("compte {id}"), now)
            .await
    }
    .await;
    match result {
        Ok(()) => crate::headers::see_other(paths::STAFF_ACCOUNTS),
        Err(error) => error_response(error.into()),
    }
}

/// `POST /espace-pro/comptes/{id}/mot-de-passe`: gives an account a new temporary
/// password (shown once to the administrator, to be changed at the next login).
pub async fn reset_password(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let admin = match admin_or_refusal(&state, &session).await {
        Ok(admin) => admin,
        Err(response) => return response,
    };
    let Some(id) = account_id(request.uri()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if id == admin.id {
        // One's own password is changed, knowing the current one: a reset would end
        // this session before the new password could be shown.
        return crate::headers::see_other(paths::STAFF_PASSWORD);
    }
    let member = match state.store.staff_member(id).await {
        Ok(Some(member)) => member,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return error_response(error.into()),
    };
    let password = auth::new_temporary_password();
    let now = unix_now();
    let result = async {
        let hash = auth::hash_password(password.clone()).await?;
        state.store.set_staff_password(id, &hash, true).await?;
        state
            .store
            .audit(
                Some(admin.id),
                "password-reset",
                &format!("compte {id}"),
                now,
            )
            .await?;
        auth::keep_temporary_password(&session, &member.name, &password).await
    }
    .await;
    match result {
        Ok(()) => crate::headers::see_other(paths::STAFF_ACCOUNTS),
        Err(error) => error_response(error),
    }
}

#[derive(Deserialize, Default)]
struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

/// `POST /espace-pro/organisations`: an administrator adds a partner organisation.
pub async fn create_organisation(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let admin = match admin_or_refusal(&state, &session).await {
        Ok(admin) => admin,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let form: OrganisationForm = read_form(body).await;
    let name = form.name.trim().chars().take(120).collect::<String>();
    let kind = OrganisationKind::parse(&form.kind);
    let now = unix_now();
    let error = match (name.is_empty(), kind) {
        (true, _) => Some(AccountError::NameMissing),
        (false, None) => Some(AccountError::UnknownOrganisation),
        (false, Some(kind)) => match state.store.create_organisation(&name, kind, now).await {
            Ok(Some(id)) => {
                let detail = format!("organisation {id} ({})", kind.code());
                if let Err(error) = state
                    .store
                    .audit(Some(admin.id), "organisation-created", &detail, now)
                    .await
                {
                    return error_response(error.into());
                }
                return crate::headers::see_other(paths::STAFF_ORGANISATIONS);
            }
            Ok(None) => Some(AccountError::NameTaken),
            Err(error) => return error_response(error.into()),
        },
    };
    let posted = PostedAccount {
        name: form.name.clone(),
        kind: form.kind.clone(),
        error,
        ..Default::default()
    };
    render_page_with(state, parts, move || provide_context(posted.clone())).await
}

/// Requests for a password reset link per client and window (shared by every instance).
pub const RESET_MAX_REQUESTS: i64 = 5;
pub const RESET_WINDOW_SECS: i64 = 15 * 60;

#[derive(Deserialize, Default)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /connexion/mot-de-passe-oublie`: e-mails a reset link to an active account.
/// The answer is the same whether the address has an account or not; requests are
/// limited per client.
pub async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let form: ForgotForm = read_form(body).await;
    let email: String = form.email.trim().to_lowercase().chars().take(254).collect();
    let client = crate::client::key_in(&parts.extensions);
    let now = unix_now();
    match state
        .store
        .hit_rate_limit(
            &format!("reset:{client}"),
            RESET_WINDOW_SECS,
            RESET_MAX_REQUESTS,
            now,
        )
        .await
    {
        Ok(app::db::RateDecision::Allowed) => {}
        Ok(app::db::RateDecision::Limited { retry_after }) => {
            let wait_minutes = crate::client::minutes_to_wait(retry_after);
            let mut response = render_page_with(state, parts, move || {
                provide_context(app::staff::reset_pages::PostedForgot {
                    email: email.clone(),
                    wait_minutes,
                })
            })
            .await;
            crate::client::set_retry_after(&mut response, retry_after);
            return response;
        }
        Err(error) => return error_response(error.into()),
    }
    if state.settings.mail_enabled {
        let account = match state.store.staff_credentials(&email).await {
            Ok(found) => found.map(|c| c.member).filter(|m| m.active),
            Err(error) => return error_response(error.into()),
        };
        if let Some(member) = account {
            let token = app::workshops::tokens::new_token();
            let link = format!("{}/{token}", paths::PASSWORD_RESET);
            let expires_at = now + crate::mail::RESET_VALID_MINUTES * 60;
            let result = async {
                state
                    .store
                    .start_password_reset(
                        member.id,
                        &app::workshops::tokens::hash(&token),
                        &link,
                        expires_at,
                        now,
                    )
                    .await?;
                state
                    .store
                    .audit(Some(member.id), "password-reset-requested", "", now)
                    .await
            }
            .await;
            if let Err(error) = result {
                return error_response(error.into());
            }
        }
    }
    crate::headers::see_other(&format!("{}?envoye=1", paths::PASSWORD_FORGOTTEN))
}

#[derive(Deserialize, Default)]
struct NewPasswordForm {
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /connexion/nouveau-mot-de-passe/{token}`: sets the new password once, then
/// goes to the login page.
pub async fn reset_password_with_link(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let token = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let hash = app::workshops::tokens::hash(&token);
    let now = unix_now();
    let member = match state.store.password_reset_account(&hash, now).await {
        Ok(Some(member)) => member,
        Ok(None) => return error_response(AppError::NotFound),
        Err(error) => return error_response(error.into()),
    };
    let (parts, body) = request.into_parts();
    let form: NewPasswordForm = read_form(body).await;
    if let Err(problem) = check_new_password(&form.new, &form.confirm, &member.email) {
        return render_page_with(state, parts, move || {
            provide_context(app::staff::reset_pages::PostedNewPassword(problem))
        })
        .await;
    }
    let result = async {
        let password_hash = auth::hash_password(form.new.clone()).await?;
        let done = state
            .store
            .finish_password_reset(&hash, &password_hash, now)
            .await?;
        if done {
            state
                .store
                .audit(Some(member.id), "password-reset", "", now)
                .await?;
        }
        Ok::<_, AppError>(done)
    }
    .await;
    match result {
        Ok(true) => {
            progress_session::push_flash(&session, Flash::PasswordChanged).await;
            crate::headers::see_other(paths::LOGIN)
        }
        Ok(false) => error_response(AppError::NotFound),
        Err(error) => error_response(error),
    }
}
