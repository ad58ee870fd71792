//! Workshop pages: the public list and detail with the sign-up form, the private page of
//! a booking, and the staff pages for places and workshops. Forms post to axum handlers
//! (server/src/workshops.rs) that redirect or bring the form back with the problems.
use super::model::{
    Place, SignUpError, SignUpInput, Workshop, WorkshopError, WorkshopInput, MAX_SEATS,
};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    lessons::model::Theme,
    pages::errors::{set_status, ErrorPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// Upcoming workshops, by date.
#[server(endpoint = "workshops/upcoming")]
pub async fn upcoming() -> Result<Vec<Workshop>, AppError> {
    let store = expect_context::<crate::db::Store>();
    Ok(store.upcoming_workshops(crate::state::unix_now()).await?)
}

/// One workshop as the sign-up form needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenWorkshop {
    pub workshop: Workshop,
    /// Whether sign-ups are open.
    pub open: bool,
    /// A fresh one-time form token.
    pub token: String,
    /// Days after the workshop when names and contacts are erased.
    pub retention_days: i64,
}

/// One workshop with what its sign-up form needs.
#[server(endpoint = "workshops/detail")]
pub async fn workshop_detail(id: i64) -> Result<OpenWorkshop, AppError> {
    let store = expect_context::<crate::db::Store>();
    let settings = expect_context::<crate::state::Settings>();
    let workshop = store.workshop(id).await?.ok_or(AppError::NotFound)?;
    Ok(OpenWorkshop {
        open: workshop.open_at(crate::state::unix_now()),
        workshop,
        token: super::tokens::new_token(),
        retention_days: settings.contact_retention_days,
    })
}

/// A booking by its private token, with its workshop.
#[server(endpoint = "workshops/registration")]
pub async fn registration(
    token: String,
) -> Result<(super::model::RegistrationView, Workshop), AppError> {
    let store = expect_context::<crate::db::Store>();
    let view = store
        .registration(&super::tokens::hash(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    let workshop = store
        .workshop(view.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((view, workshop))
}

/// When a workshop is: `jeudi 3 décembre 2026, de 14:00 à 16:00`.
pub(super) fn when(w: &Workshop, lang: Lang) -> String {
    span_text(w.starts_at, w.ends_at, lang)
}

/// A day and two times of a session, from Unix seconds, in Paris time.
pub fn span_text(starts_at: i64, ends_at: i64, lang: Lang) -> String {
    let start = chrono::DateTime::from_timestamp(starts_at, 0).unwrap_or_default();
    let end = chrono::DateTime::from_timestamp(ends_at, 0).unwrap_or_default();
    t_args(
        lang,
        "workshop-when",
        &[
            ("date", FluentArg::Text(format::date(start, lang))),
            ("start", FluentArg::Text(format::time(start, lang))),
            ("end", FluentArg::Text(format::time(end, lang))),
        ],
    )
}

fn theme_name(lang: Lang, code: &str) -> String {
    Theme::parse(code)
        .map(|th| t(lang, &th.label_key()))
        .unwrap_or_default()
}

fn seats_text(w: &Workshop, lang: Lang) -> String {
    match w.public_seats_left() {
        0 => t(lang, "workshop-waitlist"),
        n => t_args(
            lang,
            "workshop-seats-left",
            &[("count", FluentArg::Number(n))],
        ),
    }
}

#[component]
fn PlaceBlock(place: Place) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="place">
            <p><strong>{place.name}</strong><br />{place.address}</p>
            {(!place.access.is_empty()).then(|| view! { <p>{place.access}</p> })}
            <ul class="meta">
                {place.step_free.then(|| view! { <li>{t(lang, "place-step-free")}</li> })}
                {place.hearing_loop.then(|| view! { <li>{t(lang, "place-hearing-loop")}</li> })}
                {(!place.accessibility.is_empty()).then(|| view! { <li>{place.accessibility}</li> })}
            </ul>
        </div>
    }
}

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "workshops-title") />
        <div class="page">
            <h1>{t(lang, "workshops-title")}</h1>
            <p class="lead">{t(lang, "workshops-lead")}</p>
            <p>
                <a href=paths::WORKSHOPS_CALENDAR type="text/calendar">{t(lang, "workshops-calendar-subscribe")}</a>
                <span class="hint">{t(lang, "workshops-calendar-hint")}</span>
            </p>
            <Suspense>
                {Suspend::new(async move {
                    let upcoming = upcoming().await;
                    if upcoming.is_ok() {
                        crate::pages::live_public_page();
                    }
                    match upcoming {
                        Ok(list) if list.is_empty() => view! { <p>{t(lang, "workshops-none")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="cards">
                                {list.into_iter().map(|w| view! {
                                    <li class="card">
                                        <h2><a href=format!("{}/{}", paths::WORKSHOPS, w.id)>{w.title.clone()}</a></h2>
                                        <p>{when(&w, lang)}</p>
                                        <p class="meta">{theme_name(lang, &w.theme)} " · " {w.place.name.clone()}</p>
                                        <p><strong>{seats_text(&w, lang)}</strong></p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A refused sign-up form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedSignUp {
    pub input: SignUpInput,
    pub errors: Vec<SignUpError>,
    /// Refused because this connection made too many sign-ups: minutes to wait.
    pub throttled: Option<i64>,
}

/// A route parameter of the current page ("" when missing).
pub(super) fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let lang = use_lang();
    let id = param("id").parse::<i64>().unwrap_or(-1);
    let posted = use_context::<PostedSignUp>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match workshop_detail(id).await {
                    Ok(OpenWorkshop { workshop: w, open, token, retention_days }) => {
                        if posted.throttled.is_some() {
                            set_status(429);
                        } else if !posted.errors.is_empty() {
                            set_status(422);
                        }
                        view! {
                            <Title text=w.title.clone() />
                            <div class="page">
                                <p class="back-link"><a href=paths::WORKSHOPS>{t(lang, "workshops-back")}</a></p>
                                <h1>{w.title.clone()}</h1>
                                {open.then(|| view! { <SignUpProblems posted=posted.clone() /> })}
                                {w.cancelled.then(|| view! { <p class="callout">{t(lang, "workshop-cancelled")}</p> })}
                                <p class="lead">{when(&w, lang)}</p>
                                <p><a href=paths::workshop_calendar(w.id) type="text/calendar">{t(lang, "workshop-calendar-add")}</a></p>
                                <p class="meta">{theme_name(lang, &w.theme)} " · " {t_args(lang, "workshop-by", &[("organisation", FluentArg::Text(w.organisation.clone()))])}</p>
                                <p><a href=format!("{}?theme={}", paths::MODULES, w.theme)>{t_args(lang, "workshop-theme-modules", &[("theme", FluentArg::Text(theme_name(lang, &w.theme)))])}</a></p>
                                <div class="lesson-body" inner_html=w.description_html.clone()></div>
                                <h2>{t(lang, "workshop-where")}</h2>
                                <PlaceBlock place=w.place.clone() />
                                <h2 id="inscription">{t(lang, "signup-title")}</h2>
                                {if open {
                                    view! {
                                        <p><strong>{seats_text(&w, lang)}</strong></p>
                                        <SignUpForm id=w.id token retention_days posted=posted.clone() />
                                    }.into_any()
                                } else {
                                    view! { <p>{t(lang, "signup-closed")}</p> }.into_any()
                                }}
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What was wrong with a refused sign-up, at the top of the page (the form is at the
/// bottom, below the description: on a phone it would be out of sight), with links to
/// the fields; each field also names its own problem.
#[component]
fn SignUpProblems(posted: PostedSignUp) -> impl IntoView {
    let lang = use_lang();
    if let Some(minutes) = posted.throttled {
        return Some(
            view! {
                <div class="form-errors" role="alert">
                    <p><strong>{t_args(lang, "signup-throttled", &[("minutes", FluentArg::Number(minutes))])}</strong></p>
                    <p>{t(lang, "signup-throttled-help")}</p>
                    <p><a href="#inscription">{t(lang, "signup-go-to-form")}</a></p>
                </div>
            }
            .into_any(),
        );
    }
    (!posted.errors.is_empty()).then(|| {
        view! {
            <div class="form-errors" role="alert">
                <p><strong>{t(lang, "signup-errors-title")}</strong></p>
                <ul>{posted.errors.iter().map(|e| view! { <li><a href=format!("#{}", e.field())>{t(lang, e.message_key())}</a></li> }).collect_view()}</ul>
            </div>
        }
        .into_any()
    })
}

#[component]
fn SignUpForm(id: i64, token: String, retention_days: i64, posted: PostedSignUp) -> impl IntoView {
    let lang = use_lang();
    let input = posted.input;
    let errors = posted.errors;
    let error_for = |field: &'static str| {
        errors
            .iter()
            .find(|e| e.field() == field)
            .map(|e| view! { <span class="field-error" id=format!("{field}-erreur")>{t(lang, e.message_key())}</span> })
    };
    let invalid = |field: &'static str| errors.iter().any(|e| e.field() == field).then_some("true");
    view! {
        <form method="post" action=format!("{}/{id}/inscription", paths::WORKSHOPS) class="signup" novalidate>
            <input type="hidden" name="jeton" value=token />
            <div class="field">
                <label for="first_name">{t(lang, "signup-name")}</label>
                <span class="hint" id="first_name-aide">{t(lang, "signup-name-hint")}</span>
                {error_for("first_name")}
                <input id="first_name" name="first_name" autocomplete="given-name" value=input.first_name.clone()
                    aria-invalid=invalid("first_name") aria-describedby="first_name-aide first_name-erreur" />
            </div>
            <div class="field">
                <label for="seats">{t(lang, "signup-seats")}</label>
                {error_for("seats")}
                <select id="seats" name="seats" aria-invalid=invalid("seats") aria-describedby="seats-erreur">
                    {(1..=MAX_SEATS).map(|n| view! { <option value=n.to_string() selected=input.seats == n.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
            <fieldset class="contact">
                <legend>{t(lang, "signup-contact")}</legend>
                <p class="hint">{t(lang, "signup-contact-hint")}</p>
                <div class="field">
                    <label for="email">{t(lang, "signup-email")}</label>
                    <span class="hint" id="email-aide">{t(lang, "signup-contact-email-hint")}</span>
                    {error_for("email")}
                    <input id="email" name="email" type="email" autocomplete="email" inputmode="email" value=input.email.clone()
                        aria-invalid=invalid("email") aria-describedby="email-aide email-erreur" />
                </div>
                <div class="field">
                    <label for="phone">{t(lang, "signup-phone")}</label>
                    {error_for("phone")}
                    <input id="phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" value=input.phone.clone()
                        aria-invalid=invalid("phone") aria-describedby="phone-erreur" />
                </div>
                <p class="option">
                    <input type="checkbox" id="consent" name="consent" value="oui" checked=input.consent
                        aria-invalid=invalid("consent") aria-describedby="consent-erreur" />
                    <label for="consent">{t(lang, "signup-consent")}</label>
                    {error_for("consent")}
                </p>
            </fieldset>
            <p class="hint">{t_args(lang, "signup-notice", &[("days", FluentArg::Number(retention_days))])} " " <a href=paths::PRIVACY>{t(lang, "flash-learn-more")}</a></p>
            <button type="submit">{t(lang, "signup-submit")}</button>
        </form>
    }
}

#[component]
pub fn RegistrationPage() -> impl IntoView {
    let lang = use_lang();
    let token = param("token");
    let action = format!("{}/inscription/{token}/annuler", paths::WORKSHOPS);
    view! {
        <Suspense>
            {Suspend::new(async move {
                match registration(token).await {
                    Ok((r, w)) => {
                        let status = match r.status.as_str() {
                            "confirmed" => t(lang, "registration-confirmed"),
                            "waitlisted" => t_args(lang, "registration-waitlisted", &[("position", FluentArg::Number(r.position.unwrap_or(1)))]),
                            _ => t(lang, "registration-cancelled"),
                        };
                        let active = r.status != "cancelled";
                        view! {
                            <Title text=t(lang, "registration-title") />
                            <div class="page">
                                <h1>{t(lang, "registration-title")}</h1>
                                <div class="flash" role="status"><p><strong>{status}</strong></p></div>
                                <p>{t_args(lang, "registration-code", &[("code", FluentArg::Text(r.code.clone()))])}</p>
                                <p class="hint">{t(lang, "registration-keep-link")}</p>
                                <h2><a href=format!("{}/{}", paths::WORKSHOPS, w.id)>{w.title.clone()}</a></h2>
                                <p>{when(&w, lang)}</p>
                                <p><a href=paths::workshop_calendar(w.id) type="text/calendar">{t(lang, "workshop-calendar-add")}</a></p>
                                <p>{t_args(lang, "registration-seats", &[("name", FluentArg::Text(r.first_name.clone())), ("seats", FluentArg::Number(r.seats))])}</p>
                                {r.booked_by.clone().map(|staff| view! { <p>{t_args(lang, "registration-booked-by", &[("staff", FluentArg::Text(staff))])}</p> })}
                                {(r.has_contact && active).then(|| view! { <p>{t(lang, "registration-contact-kept")}</p> })}
                                <PlaceBlock place=w.place.clone() />
                                {active.then(|| view! {
                                    <h2>{t(lang, "registration-cancel-title")}</h2>
                                    <p>{t(lang, "registration-cancel-text")}</p>
                                    <form method="post" action=action.clone()>
                                        <button type="submit" class="secondary">{t(lang, "registration-cancel")}</button>
                                    </form>
                                })}
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the staff workshops page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWorkshopsData {
    pub workshops: Vec<Workshop>,
    pub places: Vec<Place>,
    pub can_manage_places: bool,
    /// (staff id, name, organisation) of everyone who can host.
    pub hosts: Vec<(i64, String, String)>,
    /// The logged-in member, ticked as host by default.
    pub me: i64,
    /// The form pre-filled from a workshop being copied, if any.
    pub copy: Option<WorkshopInput>,
}

/// The workshops of the logged-in coordinator's organisation (coordinators and admins),
/// and the creation form, pre-filled from workshop `copy` of the same organisation.
#[server(endpoint = "workshops/staff")]
pub async fn staff_workshops(copy: Option<i64>) -> Result<StaffWorkshopsData, AppError> {
    async move {
        use crate::staff::model::Role;
        let member = crate::staff::pages::require_staff().await?;
        if member.role == Role::Trainer {
            return Err(AppError::Forbidden);
        }
        let store = expect_context::<crate::db::Store>();
        let copy = match copy {
            Some(id) => Some(super::staff_pages::workshop_form(id, true).await?.input),
            None => None,
        };
        Ok(StaffWorkshopsData {
            workshops: store.organisation_workshops(member.organisation_id).await?,
            places: store.list_places().await?,
            can_manage_places: member.role == Role::Admin,
            hosts: store.possible_hosts().await?,
            me: member.id,
            copy,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A refused workshop or place form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedWorkshop {
    pub input: WorkshopInput,
    pub errors: Vec<WorkshopError>,
    /// Who or what is taken, when the error is [`WorkshopError::Taken`].
    pub conflicts: Vec<crate::joint::model::Conflict>,
}

#[component]
pub fn StaffWorkshopsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedWorkshop>().unwrap_or_default();
    let copy = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("copie"))
        .and_then(|c| c.parse::<i64>().ok());
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_workshops(copy).await {
                    Ok(data) => {
                        if !posted.errors.is_empty() {
                            set_status(if posted.conflicts.is_empty() { 422 } else { 409 });
                        }
                        let input = match (posted.errors.is_empty(), data.copy.clone()) {
                            (true, Some(copied)) => copied,
                            (true, None) => WorkshopInput { hosts: vec![data.me.to_string()], ..Default::default() },
                            (false, _) => posted.input.clone(),
                        };
                        view! {
                            <Title text=t(lang, "staff-workshops-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "staff-workshops-title")}</h1>
                                {if data.workshops.is_empty() {
                                    view! { <p>{t(lang, "staff-workshops-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {data.workshops.into_iter().map(|w| {
                                                let cancel = (!w.cancelled).then(|| view! {
                                                    <form method="post" action=format!("{}/{}/annuler", paths::STAFF_WORKSHOPS, w.id)>
                                                        <button type="submit" class="secondary">{t(lang, "staff-workshop-cancel")}
                                                            <span class="visually-hidden">" " {w.title.clone()}</span></button>
                                                    </form>
                                                });
                                                view! {
                                                    <li class="card">
                                                        <h2><a href=format!("{}/{}", paths::STAFF_WORKSHOPS, w.id)>{w.title.clone()}</a></h2>
                                                        <p>{when(&w, lang)} " · " {w.place.name.clone()}</p>
                                                        <p>{t_args(lang, "staff-workshop-fill", &[
                                                            ("confirmed", FluentArg::Number(w.confirmed_seats)),
                                                            ("capacity", FluentArg::Number(w.capacity)),
                                                            ("waiting", FluentArg::Number(w.waitlisted)),
                                                        ])}</p>
                                                        {w.cancelled.then(|| view! { <p><strong>{t(lang, "workshop-cancelled")}</strong></p> })}
                                                        {cancel}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <h2>{t(lang, "staff-workshop-new")}</h2>
                                {if data.places.is_empty() {
                                    view! { <p>{t(lang, "staff-workshop-no-place")}</p> }.into_any()
                                } else {
                                    view! { <WorkshopForm input places=data.places hosts=data.hosts errors=posted.errors.clone()
                                        conflicts=posted.conflicts.clone()
                                        action=paths::STAFF_WORKSHOPS.to_string() submit_key="staff-workshop-create" /> }.into_any()
                                }}
                                {data.can_manage_places.then(|| view! { <p><a href=paths::STAFF_PLACES>{t(lang, "places-title")}</a></p> })}
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form to create, copy or change a workshop.
#[component]
pub fn WorkshopForm(
    input: WorkshopInput,
    places: Vec<Place>,
    hosts: Vec<(i64, String, String)>,
    errors: Vec<WorkshopError>,
    /// Who or what is taken at that time, named under the errors.
    #[prop(optional)]
    conflicts: Vec<crate::joint::model::Conflict>,
    action: String,
    submit_key: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let text_field = |id: &'static str, key: &'static str, kind: &'static str, value: String| {
        view! {
            <div class="field">
                <label for=format!("w-{id}")>{t(lang, key)}</label>
                <input id=format!("w-{id}") name=id type=kind value=value />
            </div>
        }
    };
    view! {
        <form method="post" action=action>
            {(!errors.is_empty()).then(|| view! {
                <div class="form-errors" role="alert">
                    <p><strong>{t(lang, "signup-errors-title")}</strong></p>
                    <ul>{errors.iter().map(|e| view! { <li>{t(lang, e.message_key())}</li> }).collect_view()}</ul>
                    {(!conflicts.is_empty()).then(|| view! { <crate::joint::pages::Conflicts conflicts=conflicts.clone() /> })}
                </div>
            })}
            {text_field("title", "workshop-field-title", "text", input.title.clone())}
            <div class="field">
                <label for="w-theme">{t(lang, "workshop-field-theme")}</label>
                <select id="w-theme" name="theme">
                    {Theme::ALL.into_iter().map(|th| view! {
                        <option value=th.code() selected=input.theme == th.code()>{t(lang, &th.label_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="w-description">{t(lang, "workshop-field-description")}</label>
                <textarea id="w-description" name="description" rows="5">{format::textarea_text(&input.description)}</textarea>
            </div>
            {text_field("date", "workshop-field-date", "date", input.date.clone())}
            {text_field("start", "workshop-field-start", "time", input.start.clone())}
            {text_field("end", "workshop-field-end", "time", input.end.clone())}
            <div class="field">
                <label for="w-place">{t(lang, "workshop-field-place")}</label>
                <select id="w-place" name="place">
                    {places.into_iter().map(|p| {
                        let label = t_args(lang, "workshop-place-option", &[("name", FluentArg::Text(p.name.clone())), ("capacity", FluentArg::Number(p.capacity))]);
                        view! { <option value=p.id.to_string() selected=input.place == p.id.to_string()>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {text_field("capacity", "workshop-field-capacity", "number", input.capacity.clone())}
            {text_field("reserved", "workshop-field-reserved", "number", input.reserved.clone())}
            <fieldset>
                <legend>{t(lang, "workshop-field-deadline")}</legend>
                <p class="hint">{t(lang, "workshop-field-deadline-hint")}</p>
                {text_field("deadline_date", "workshop-field-deadline-date", "date", input.deadline_date.clone())}
                {text_field("deadline_time", "workshop-field-deadline-time", "time", input.deadline_time.clone())}
            </fieldset>
            <fieldset>
                <legend>{t(lang, "workshop-field-hosts")}</legend>
                {hosts.into_iter().map(|(id, name, organisation)| {
                    let field = format!("w-host-{id}");
                    let checked = input.hosts.contains(&id.to_string());
                    view! {
                        <p class="option">
                            <input type="checkbox" id=field.clone() name="hosts" value=id.to_string() checked=checked />
                            <label for=field>{name} " (" {organisation} ")"</label>
                        </p>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{t(lang, submit_key)}</button>
        </form>
    }
}

#[component]
pub fn PlacesPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedWorkshop>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_workshops(None).await {
                    Ok(data) if data.can_manage_places => {
                        if !posted.errors.is_empty() {
                            set_status(422);
                        }
                        view! {
                            <Title text=t(lang, "places-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "places-title")}</h1>
                                <ul class="cards">
                                    {data.places.into_iter().map(|p| view! { <li class="card"><PlaceBlock place=p /></li> }).collect_view()}
                                </ul>
                                <h2>{t(lang, "places-new")}</h2>
                                <form method="post" action=paths::STAFF_PLACES>
                                    {(!posted.errors.is_empty()).then(|| view! { <p class="form-error" role="alert">{t(lang, "places-error")}</p> })}
                                    {[("name", "places-name"), ("address", "places-address"), ("access", "places-access"), ("accessibility", "places-accessibility"), ("capacity", "workshop-field-capacity")]
                                        .into_iter()
                                        .map(|(id, key)| view! {
                                            <div class="field">
                                                <label for=format!("p-{id}")>{t(lang, key)}</label>
                                                <input id=format!("p-{id}") name=id type=if id == "capacity" { "number" } else { "text" } />
                                            </div>
                                        })
                                        .collect_view()}
                                    <p class="option"><input type="checkbox" id="p-step-free" name="step_free" value="oui" />
                                        <label for="p-step-free">{t(lang, "place-step-free")}</label></p>
                                    <p class="option"><input type="checkbox" id="p-loop" name="hearing_loop" value="oui" />
                                        <label for="p-loop">{t(lang, "place-hearing-loop")}</label></p>
                                    <button type="submit">{t(lang, "places-create")}</button>
                                </form>
                            </div>
                        }
                        .into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
