//! Staff form handlers (login, logout, password change) and the command that creates
//! the first administrator. Each handler checks the session itself.
use crate::{forms::read_form, render::render_page_with};
use app::{
    app::paths,
    error::AppError,
    progress::{model::Flash, session as progress_session},
    staff::{
        auth::{self, LoginOutcome},
        model::{check_new_password, normalize_email, OrganisationKind, Role},
        pages::{LoginProblem, PasswordProblem, PostedLogin},
    },
    state::{unix_now, AppState},
};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
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

fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        crate::pages::simple_page(
            "Service momentanément indisponible",
            "Votre demande n'a pas pu être traitée. Réessayez dans quelques minutes.",
        ),
    )
        .into_response()
}

/// `POST /connexion`: logs a staff member in, or brings the form back with the e-mail
/// kept and the problem named (401 wrong credentials, 429 throttled).
pub async fn login(State(state): State<AppState>, session: Session, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let form: LoginForm = read_form(body).await;
    let client = parts
        .extensions
        .get::<crate::client::ClientKey>()
        .map(|k| k.0.clone())
        .unwrap_or_default();
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
                return Redirect::to(to).into_response();
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
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
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
        Ok(()) => Redirect::to(paths::HOME).into_response(),
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
        Ok(None) => return Redirect::to(paths::LOGIN).into_response(),
        Err(error) => return error_response(error),
    };
    let (parts, body) = request.into_parts();
    let form: PasswordForm = read_form(body).await;
    let hash = match state.store.staff_password_hash(member.id).await {
        Ok(Some(hash)) => hash,
        Ok(None) => return Redirect::to(paths::LOGIN).into_response(),
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
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => {
            progress_session::push_flash(&session, Flash::PasswordChanged).await;
            Redirect::to(paths::STAFF).into_response()
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
