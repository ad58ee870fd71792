#![recursion_limit = "256"]
//! The Repères HTTP server: configuration, start-up (database, migrations, content
//! import), the axum router with its security layers, and the handlers that are not
//! Leptos pages.
pub mod api;
pub mod api_v1;
pub mod assets;
pub mod backup;
pub mod client;
pub mod config;
pub mod dashboard;
pub mod demo;
pub mod forms;
pub mod headers;
pub mod health;
pub mod help;
pub mod ics;
pub mod images;
pub mod jobs;
pub mod joint;
pub mod lean;
pub mod lessons_admin;
pub mod mail;
pub mod pages;
pub mod render;
pub mod render_cache;
pub mod security;
pub mod selfcheck;
pub mod sessions;
pub mod staff;
pub mod staff_workshops;
pub mod workshops;

use crate::{config::Config, security::SecurityConfig};
use anyhow::Context as _;
use app::{
    app::{paths, shell, App},
    db::Store,
    lessons::import::{import_content, ImportReport},
    state::{provide_request_context, AppState},
};
use axum::{
    http::StatusCode,
    middleware::from_fn_with_state,
    response::{IntoResponse, Response},
    routing::{get, post, MethodRouter},
    Router,
};
use leptos::config::LeptosOptions;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::{any::Any, sync::Arc, time::Duration};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer, limit::RequestBodyLimitLayer,
    timeout::TimeoutLayer,
};

/// Largest request body accepted anywhere but an image upload (forms and JSON are far
/// smaller).
pub const BODY_LIMIT: usize = 256 * 1024;
/// Longest a request may take before the server gives up on it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A started-up application, ready to serve.
pub struct Reperes {
    pub router: Router,
    pub state: AppState,
    pub import: ImportReport,
}

/// Connects to the database, runs the migrations, imports `content/` and builds the router.
pub async fn build(config: &Config) -> anyhow::Result<Reperes> {
    let mut store = Store::connect(&config.database_url)
        .await
        .with_context(|| {
            format!(
                "cannot open the database ({})",
                engine_hint(&config.database_url)
            )
        })?;
    if !config.group_commit {
        store = store.without_group_commit();
    }
    store
        .migrate()
        .await
        .context("database migrations failed")?;
    let import = import_content(&store, &config.content_dir, chrono::Utc::now().timestamp())
        .await
        .context("content import failed")?;
    tracing::info!(
        created = import.created,
        updated = import.updated,
        unchanged = import.unchanged,
        unpublished = import.unpublished,
        problems = import.errors.len(),
        "content imported"
    );
    let session_store = sessions::AnySessionStore::new(&store)
        .await
        .context("session table creation failed")?;
    let leptos_options = LeptosOptions::builder()
        .output_name(config.output_name.as_str())
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    let stylesheet = Arc::new(assets::Stylesheet::read(&config.site_root));
    let state = AppState {
        leptos_options,
        store,
        settings: config.settings(),
        stylesheet: stylesheet.href.clone(),
    };
    let security = Arc::new(SecurityConfig {
        production: config.production,
        public_origin: config.public_url.clone(),
    });
    let client = Arc::new(client::ClientConfig {
        behind_proxy: config.behind_proxy,
    });
    let cache = Arc::new(render_cache::RenderCache::new(
        state.store.clone(),
        config.render_cache,
        &security,
    ));
    let router = router(
        state.clone(),
        security,
        client,
        cache,
        ics::CalendarSite::new(config.public_url.as_deref()),
        sessions::layer(session_store, config.production),
        stylesheet,
    );
    Ok(Reperes {
        router,
        state,
        import,
    })
}

fn engine_hint(url: &str) -> &'static str {
    if url.starts_with("sqlite:") {
        "sqlite"
    } else {
        "postgres"
    }
}

/// Every POST route of the no-JavaScript forms with its handler. The router registers
/// exactly these, and the authorisation test walks the staff ones, so a new form cannot
/// escape the walk.
pub fn form_routes() -> Vec<(String, MethodRouter<AppState>)> {
    // One POST route per tool: a `{tool}` parameter would lose to the pages' static GET
    // routes and answer 405.
    let mut routes: Vec<(String, MethodRouter<AppState>)> = app::budget::tools::Tool::ALL
        .into_iter()
        .map(|tool| (tool.href(), post(forms::budget_tool)))
        .collect();
    routes.extend([
        (paths::LANGUAGE.to_string(), post(forms::switch_language)),
        (paths::TOOLS.to_string(), post(forms::quick_budget)),
        (
            "/modules/{module}/{lesson}/lue".to_string(),
            post(forms::mark_read),
        ),
        (
            "/modules/{module}/quiz".to_string(),
            post(forms::module_quiz),
        ),
        (
            "/modules/{module}/{lesson}/quiz".to_string(),
            post(forms::lesson_quiz),
        ),
        (paths::FORGET.to_string(), post(forms::forget)),
        (paths::RESUME_CODE.to_string(), post(forms::resume_code)),
        (paths::RESTORE.to_string(), post(forms::restore)),
        (paths::SELF_CHECK.to_string(), post(selfcheck::answer)),
        (
            format!("{}/garder", paths::SELF_CHECK),
            post(selfcheck::keep),
        ),
        (paths::LOGIN.to_string(), post(staff::login)),
        (paths::LOGOUT.to_string(), post(staff::logout)),
        (
            paths::PASSWORD_FORGOTTEN.to_string(),
            post(staff::forgot_password),
        ),
        (
            format!("{}/{{token}}", paths::PASSWORD_RESET),
            post(staff::reset_password_with_link),
        ),
        (
            paths::STAFF_PASSWORD.to_string(),
            post(staff::change_password),
        ),
        (
            paths::STAFF_ACCOUNTS.to_string(),
            post(staff::create_account),
        ),
        (
            "/espace-pro/comptes/{id}/actif".to_string(),
            post(staff::set_account_active),
        ),
        (
            "/espace-pro/comptes/{id}/mot-de-passe".to_string(),
            post(staff::reset_password),
        ),
        (
            paths::STAFF_ORGANISATIONS.to_string(),
            post(staff::create_organisation),
        ),
        (
            "/ateliers/{id}/inscription".to_string(),
            post(workshops::sign_up),
        ),
        (
            "/ateliers/inscription/{token}/annuler".to_string(),
            post(workshops::cancel),
        ),
        (
            paths::STAFF_WORKSHOPS.to_string(),
            post(workshops::create_workshop),
        ),
        (
            "/espace-pro/ateliers/{id}/annuler".to_string(),
            post(workshops::cancel_workshop),
        ),
        (
            paths::STAFF_PLACES.to_string(),
            post(workshops::create_place),
        ),
        (
            "/espace-pro/ateliers/{id}/modifier".to_string(),
            post(staff_workshops::edit_workshop),
        ),
        (
            "/espace-pro/ateliers/{id}/liste-attente".to_string(),
            post(staff_workshops::promote),
        ),
        (
            "/espace-pro/ateliers/{id}/presences".to_string(),
            post(staff_workshops::attendance),
        ),
        (
            paths::STAFF_BOOKINGS.to_string(),
            post(staff_workshops::staff_book),
        ),
        (
            "/espace-pro/reservations/{id}/annuler".to_string(),
            post(staff_workshops::staff_cancel),
        ),
        (paths::STAFF_HELP.to_string(), post(help::save_entry)),
        (
            format!("{}/{{id}}", paths::STAFF_HELP),
            post(help::save_entry),
        ),
        (
            format!("{}/{{id}}/inscription", paths::STAFF_TRAININGS),
            post(staff_workshops::training_sign_up),
        ),
        (
            format!("{}/{{id}}/desinscription", paths::STAFF_TRAININGS),
            post(staff_workshops::training_withdraw),
        ),
        (paths::JOINT_PROPOSE.to_string(), post(joint::propose)),
        (
            format!("{}/{{id}}/reponse", paths::JOINT_PROPOSALS),
            post(joint::answer),
        ),
        (
            format!("{}/{{id}}/confirmer", paths::JOINT_PROPOSALS),
            post(joint::confirm),
        ),
        (
            format!("{}/{{id}}/retirer", paths::JOINT_PROPOSALS),
            post(joint::withdraw),
        ),
        (paths::STAFF_FEED.to_string(), post(joint::renew_feed)),
        (
            format!("{}/revoquer", paths::STAFF_FEED),
            post(joint::revoke_feed),
        ),
        (
            paths::ORGANISATION_FEED.to_string(),
            post(joint::renew_organisation_feed),
        ),
        (
            format!("{}/revoquer", paths::ORGANISATION_FEED),
            post(joint::revoke_organisation_feed),
        ),
        (
            paths::UNAVAILABILITY.to_string(),
            post(joint::add_unavailability),
        ),
        (
            format!("{}/{{id}}/supprimer", paths::UNAVAILABILITY),
            post(joint::delete_unavailability),
        ),
        (
            paths::LESSON_NEW.to_string(),
            post(lessons_admin::new_lesson),
        ),
        (
            paths::LESSON_DRAFTS.to_string(),
            post(lessons_admin::open_draft),
        ),
        (
            format!("{}/{{id}}", paths::LESSON_DRAFTS),
            post(lessons_admin::save_draft),
        ),
        (
            format!("{}/{{id}}/publier", paths::LESSON_DRAFTS),
            post(lessons_admin::publish),
        ),
        (
            format!("{}/{{id}}/renvoyer", paths::LESSON_DRAFTS),
            post(lessons_admin::return_draft),
        ),
        (
            format!("{}/{{id}}/reprendre", paths::LESSON_DRAFTS),
            post(lessons_admin::reopen),
        ),
        (
            format!("{}/{{id}}/supprimer", paths::LESSON_DRAFTS),
            post(lessons_admin::discard),
        ),
        (
            format!("{}/{{module}}/{{lesson}}/restaurer", paths::LESSON_HISTORY),
            post(lessons_admin::restore),
        ),
        (
            format!("{}/{{module}}/{{lesson}}/depublier", paths::LESSON_HISTORY),
            post(lessons_admin::unpublish),
        ),
        (
            format!("{}/{{module}}/{{lesson}}/republier", paths::LESSON_HISTORY),
            post(lessons_admin::republish),
        ),
        (images::UPLOAD_ROUTE.to_string(), post(images::upload)),
    ]);
    routes
}

fn router(
    state: AppState,
    security: Arc<SecurityConfig>,
    client: Arc<client::ClientConfig>,
    cache: Arc<render_cache::RenderCache>,
    calendar: ics::CalendarSite,
    sessions: tower_sessions::SessionManagerLayer<sessions::AnySessionStore>,
    stylesheet: Arc<assets::Stylesheet>,
) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_request_context(&state)
    };
    let options = state.leptos_options.clone();
    // Every body is small but an image upload's (see the two limits below).
    let (uploads, forms): (Vec<_>, Vec<_>) = form_routes()
        .into_iter()
        .partition(|(path, _)| path == images::UPLOAD_ROUTE);
    let forms = forms
        .into_iter()
        .fold(Router::new(), |r, (path, route)| r.route(&path, route));
    let uploads = uploads
        .into_iter()
        .fold(Router::new(), |r, (path, route)| r.route(&path, route))
        .layer(axum::extract::DefaultBodyLimit::max(
            images::UPLOAD_BODY_LIMIT,
        ));
    Router::new()
        .route("/healthz", get(health::healthz))
        .merge(ics::routes(calendar))
        .merge(lessons_admin::routes())
        .merge(dashboard::routes())
        .merge(api_v1::routes())
        .merge(forms)
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads)
        .with_state(state)
        .layer(axum::middleware::from_fn(sessions::staff_expiry))
        .layer(sessions)
        .layer(from_fn_with_state(client, client::add_client_key))
        .layer(axum::middleware::from_fn(lean::lean_pages))
        .layer(from_fn_with_state(stylesheet, assets::versioned_stylesheet))
        .layer(from_fn_with_state(cache.clone(), render_cache::keep))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(security::keep_nul_out))
        .layer(from_fn_with_state(
            security.clone(),
            security::refuse_cross_origin,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(images::UPLOAD_BODY_LIMIT))
        .layer(axum::middleware::from_fn(security::explain_too_large))
        .layer(CatchPanicLayer::custom(panic_page))
        // So that every response (errors and panics included) gets the headers.
        .layer(from_fn_with_state(
            Arc::new(security::SecurityHeaders::new(&security)),
            security::security_headers,
        ))
        // Outermost: a page kept in the render cache is sent at once, with the
        // security headers the cache stored with it.
        .layer(from_fn_with_state(cache, render_cache::answer_kept))
}

fn panic_page(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::simple_page(
            "Une erreur est survenue",
            "Le service a rencontré un problème. Réessayez dans quelques instants.",
        ),
    )
        .into_response()
}

/// Serves `router` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
