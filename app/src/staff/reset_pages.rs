//! Self-service password reset for staff, offered only when the site sends e-mail: ask
//! for a link (the same answer whether the address has an account or not), then choose
//! a new password from the link, valid 60 minutes and once. Forms post to
//! server/src/staff.rs.
use super::model::PasswordError;
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, use_lang},
    pages::errors::{set_status, ErrorPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether staff can reset their password by e-mail here (SMTP configured).
#[server(endpoint = "staff/reset-offered")]
pub async fn reset_offered() -> Result<bool, AppError> {
    Ok(expect_context::<crate::state::Settings>().mail_enabled)
}

/// Whether a reset link is still usable.
#[server(endpoint = "staff/reset-link")]
pub async fn reset_link_usable(token: String) -> Result<bool, AppError> {
    let store = expect_context::<crate::db::Store>();
    let hash = crate::workshops::tokens::hash(&token);
    Ok(store
        .password_reset_account(&hash, crate::state::unix_now())
        .await?
        .is_some())
}

/// A refused request for a link, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedForgot {
    pub email: String,
    /// Minutes to wait before asking again.
    pub wait_minutes: i64,
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let sent = use_query_map().with_untracked(|q| q.get("envoye").is_some());
    let posted = use_context::<PostedForgot>();
    view! {
        <Title text=t(lang, "reset-title") />
        <div class="page">
            <p class="back-link"><a href=paths::LOGIN>{t(lang, "login-title")}</a></p>
            <h1>{t(lang, "reset-title")}</h1>
            <Suspense>
                {Suspend::new(async move {
                    match reset_offered().await {
                        Ok(false) => view! { <p>{t(lang, "login-help")}</p> }.into_any(),
                        Ok(true) if sent => view! {
                            <div class="flash" role="status"><p>{t(lang, "reset-sent")}</p></div>
                        }.into_any(),
                        Ok(true) => {
                            let email = posted.clone().map(|p| p.email).unwrap_or_default();
                            let throttled = posted.as_ref().map(|p| p.wait_minutes).filter(|m| *m > 0);
                            if throttled.is_some() {
                                set_status(429);
                            }
                            view! {
                                <p>{t(lang, "reset-lead")}</p>
                                <form method="post" action=paths::PASSWORD_FORGOTTEN class="login">
                                    {throttled.map(|m| view! {
                                        <p class="form-error" role="alert">{crate::i18n::t_args(lang, "reset-throttled", &[("minutes", crate::i18n::FluentArg::Number(m))])}</p>
                                    })}
                                    <div class="field">
                                        <label for="email">{t(lang, "login-email")}</label>
                                        <input id="email" name="email" type="email" autocomplete="username" required value=email />
                                    </div>
                                    <button type="submit">{t(lang, "reset-submit")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A refused new password, provided as context by the server.
#[derive(Clone, Debug)]
pub struct PostedNewPassword(pub PasswordError);

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let posted = use_context::<PostedNewPassword>();
    let action = format!("{}/{token}", paths::PASSWORD_RESET);
    view! {
        <Title text=t(lang, "reset-new-title") />
        <div class="page">
            <h1>{t(lang, "reset-new-title")}</h1>
            <Suspense>
                {Suspend::new(async move {
                    match reset_link_usable(token).await {
                        Ok(false) => {
                            set_status(404);
                            view! {
                                <p>{t(lang, "reset-link-dead")}</p>
                                <p><a href=paths::PASSWORD_FORGOTTEN>{t(lang, "reset-title")}</a></p>
                            }.into_any()
                        }
                        Ok(true) => {
                            let problem = posted.clone().map(|p| {
                                set_status(422);
                                t(lang, p.0.message_key())
                            });
                            view! {
                                <form method="post" action=action.clone() class="login">
                                    {problem.map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                                    <p class="hint">{t(lang, "password-rule")}</p>
                                    <div class="field">
                                        <label for="new">{t(lang, "password-new")}</label>
                                        <input id="new" name="new" type="password" autocomplete="new-password" required />
                                    </div>
                                    <div class="field">
                                        <label for="confirm">{t(lang, "password-confirm")}</label>
                                        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
                                    </div>
                                    <button type="submit">{t(lang, "reset-new-submit")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
