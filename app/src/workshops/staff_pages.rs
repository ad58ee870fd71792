//! Staff pages of one workshop: its bookings with contacts and attendance (organisers
//! and hosts), the form to change it (coordinators of its organisation), the printable
//! sign-in sheet, and the bookings staff make for the households they accompany (any
//! staff member). Forms post to server/src/staff_workshops.rs.
use super::model::{Booking, Workshop, WorkshopError, WorkshopInput, MAX_SEATS};
use super::page::{param, when};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    pages::errors::{set_status, ErrorPage},
    staff::model::StaffMember,
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Whether `member` may change a workshop owned by `owner`: its organisation's
/// coordinators and administrators.
pub fn can_manage(member: &StaffMember, owner: i64) -> bool {
    member.role != crate::staff::model::Role::Trainer && member.organisation_id == owner
}

/// What the management page of a workshop shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Managed {
    pub workshop: Workshop,
    pub bookings: Vec<Booking>,
    /// (name, organisation) of each host.
    pub hosts: Vec<(String, String)>,
    pub can_edit: bool,
    pub started: bool,
    /// Within the cut-off before the start, when freed seats wait for a coordinator.
    pub inside_cutoff: bool,
}

/// Loads a workshop or a professional training for its organisers (coordinators of its
/// organisation) and hosts.
#[cfg(feature = "ssr")]
pub async fn load_managed(id: i64) -> Result<Managed, AppError> {
    let member = crate::staff::pages::require_staff().await?;
    let store = expect_context::<crate::db::Store>();
    let settings = expect_context::<crate::state::Settings>();
    let owner = store.session_owner(id).await?.ok_or(AppError::NotFound)?;
    let hosts = store.session_hosts(id).await?;
    let can_edit = can_manage(&member, owner);
    if !can_edit && !hosts.iter().any(|(h, _, _)| *h == member.id) {
        return Err(AppError::Forbidden);
    }
    let workshop = store.session(id).await?.ok_or(AppError::NotFound)?;
    let now = crate::state::unix_now();
    Ok(Managed {
        started: now >= workshop.starts_at,
        inside_cutoff: now >= workshop.starts_at - settings.promotion_cutoff_secs,
        bookings: store.session_bookings(id).await?,
        hosts: hosts.into_iter().map(|(_, n, o)| (n, o)).collect(),
        can_edit,
        workshop,
    })
}

/// A workshop with its bookings, for its organisers and hosts.
#[server(endpoint = "workshops/manage")]
pub async fn manage_workshop(id: i64) -> Result<Managed, AppError> {
    async move { load_managed(id).await }
        .await
        .map_err(AppError::answered)
}

fn status_text(b: &Booking, lang: Lang) -> String {
    match (b.status.as_str(), b.position) {
        ("confirmed", _) => t(lang, "booking-status-confirmed"),
        ("waitlisted", Some(p)) => t_args(
            lang,
            "booking-status-waiting",
            &[("position", FluentArg::Number(p))],
        ),
        _ => t(lang, "booking-status-cancelled"),
    }
}

/// Seats booked, present and absent (confirmed bookings), as anonymous counts.
pub fn attendance_counts(bookings: &[Booking]) -> (i64, i64, i64) {
    let confirmed = bookings.iter().filter(|b| b.status == "confirmed");
    let booked = confirmed.clone().map(|b| b.seats).sum();
    let present = confirmed
        .clone()
        .filter(|b| b.attended == Some(true))
        .map(|b| b.seats)
        .sum();
    let absent = confirmed
        .filter(|b| b.attended == Some(false))
        .map(|b| b.seats)
        .sum();
    (booked, present, absent)
}

#[component]
pub fn ManageWorkshopPage() -> impl IntoView {
    let lang = use_lang();
    let id = param("id").parse::<i64>().unwrap_or(-1);
    view! {
        <Suspense>
            {Suspend::new(async move {
                match manage_workshop(id).await {
                    Ok(m) => {
                        let w = m.workshop.clone();
                        let base = format!("{}/{}", paths::STAFF_WORKSHOPS, w.id);
                        let (booked, present, absent) = attendance_counts(&m.bookings);
                        let waiting = m.bookings.iter().any(|b| b.status == "waitlisted");
                        let active: Vec<Booking> = m.bookings.iter().filter(|b| b.status != "cancelled").cloned().collect();
                        let hosts = m.hosts.iter().map(|(n, o)| format!("{n} ({o})")).collect::<Vec<_>>().join(", ");
                        let (back, back_key) = if w.professional {
                            (paths::STAFF_TRAININGS, "trainings-title")
                        } else {
                            (paths::STAFF_WORKSHOPS, "staff-workshops-title")
                        };
                        let editable = m.can_edit && !w.professional;
                        view! {
                            <Title text=w.title.clone() />
                            <div class="page">
                                <p class="back-link"><a href=back>{t(lang, back_key)}</a></p>
                                <h1>{w.title.clone()}</h1>
                                {w.cancelled.then(|| view! { <p class="callout">{t(lang, "workshop-cancelled")}</p> })}
                                <p class="lead">{when(&w, lang)} " · " {w.place.name.clone()}</p>
                                <p>{t_args(lang, "manage-hosts", &[("hosts", FluentArg::Text(hosts))])}</p>
                                <p>{t_args(lang, "staff-workshop-fill", &[
                                    ("confirmed", FluentArg::Number(w.confirmed_seats)),
                                    ("capacity", FluentArg::Number(w.capacity)),
                                    ("waiting", FluentArg::Number(w.waitlisted)),
                                ])}</p>
                                {w.professional.then(|| view! { <p>{t(lang, "session-kind-training")}</p> })}
                                <ul class="actions">
                                    {(!w.professional).then(|| view! {
                                        <li><a href=format!("{}/{}", paths::WORKSHOPS, w.id)>{t(lang, "manage-public-page")}</a></li>
                                    })}
                                    <li><a href=format!("{base}/emargement")>{t(lang, "manage-sheet")}</a></li>
                                    {(editable && !w.cancelled && !m.started).then(|| view! {
                                        <li><a href=format!("{base}/modifier")>{t(lang, "manage-edit")}</a></li>
                                    })}
                                    {editable.then(|| view! {
                                        <li><a href=format!("{}?copie={}", paths::STAFF_WORKSHOPS, w.id)>{t(lang, "manage-duplicate")}</a></li>
                                    })}
                                </ul>
                                {(m.can_edit && waiting && !w.cancelled && !m.started).then(|| view! {
                                    <h2>{t(lang, "manage-waitlist-title")}</h2>
                                    <p>{if m.inside_cutoff { t(lang, "manage-waitlist-cutoff") } else { t(lang, "manage-waitlist-auto") }}</p>
                                    <form method="post" action=format!("{base}/liste-attente")>
                                        <button type="submit">{t(lang, "manage-waitlist-promote")}</button>
                                    </form>
                                })}
                                <h2>{t(lang, "manage-bookings")}</h2>
                                {if active.is_empty() {
                                    view! { <p>{t(lang, "manage-no-booking")}</p> }.into_any()
                                } else {
                                    let started = m.started;
                                    view! {
                                        <form method="post" action=format!("{base}/presences")>
                                            <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "manage-bookings")>
                                                <table>
                                                    <caption class="visually-hidden">{t(lang, "manage-bookings")}</caption>
                                                    <thead><tr>
                                                        <th scope="col">{t(lang, "manage-col-name")}</th>
                                                        <th scope="col">{t(lang, "manage-col-seats")}</th>
                                                        <th scope="col">{t(lang, "manage-col-status")}</th>
                                                        <th scope="col">{t(lang, "manage-col-code")}</th>
                                                        <th scope="col">{t(lang, "manage-col-contact")}</th>
                                                        {started.then(|| view! { <th scope="col">{t(lang, "manage-col-attendance")}</th> })}
                                                    </tr></thead>
                                                    <tbody>
                                                        {active.into_iter().map(|b| {
                                                            let contact = match (&b.booked_by, &b.email, &b.phone) {
                                                                (Some(staff), _, _) => t_args(lang, "manage-booked-by", &[("staff", FluentArg::Text(staff.clone()))]),
                                                                (None, e, p) => [e.clone(), p.clone(), b.participant_of.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
                                                            };
                                                            let field = format!("presence-{}", b.id);
                                                            let attendance = (started && b.status == "confirmed").then(|| view! {
                                                                <td>
                                                                    <label class="visually-hidden" for=field.clone()>{t_args(lang, "manage-attendance-for", &[("name", FluentArg::Text(b.first_name.clone()))])}</label>
                                                                    <select id=field.clone() name=field.clone()>
                                                                        <option value="" selected=b.attended.is_none()>"—"</option>
                                                                        <option value="oui" selected=b.attended == Some(true)>{t(lang, "manage-present")}</option>
                                                                        <option value="non" selected=b.attended == Some(false)>{t(lang, "manage-absent")}</option>
                                                                    </select>
                                                                </td>
                                                            });
                                                            let empty_cell = (started && b.status != "confirmed").then(|| view! { <td></td> });
                                                            view! {
                                                                <tr>
                                                                    <td>{b.first_name.clone()}</td>
                                                                    <td>{b.seats}</td>
                                                                    <td>{status_text(&b, lang)}</td>
                                                                    <td>{b.code.clone()}</td>
                                                                    <td>{contact}</td>
                                                                    {attendance}
                                                                    {empty_cell}
                                                                </tr>
                                                            }
                                                        }).collect_view()}
                                                    </tbody>
                                                </table>
                                            </div>
                                            {started.then(|| view! { <button type="submit">{t(lang, "manage-attendance-save")}</button> })}
                                        </form>
                                    }.into_any()
                                }}
                                {m.started.then(|| view! {
                                    <p>{t_args(lang, "manage-counts", &[
                                        ("booked", FluentArg::Number(booked)),
                                        ("present", FluentArg::Number(present)),
                                        ("absent", FluentArg::Number(absent)),
                                    ])}</p>
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

#[component]
pub fn SignInSheetPage() -> impl IntoView {
    let lang = use_lang();
    let id = param("id").parse::<i64>().unwrap_or(-1);
    view! {
        <Suspense>
            {Suspend::new(async move {
                match manage_workshop(id).await {
                    Ok(m) => {
                        let w = m.workshop.clone();
                        let hosts = m.hosts.iter().map(|(n, o)| format!("{n} ({o})")).collect::<Vec<_>>().join(", ");
                        view! {
                            <Title text=t(lang, "sheet-title") />
                            <div class="page sign-in-sheet">
                                <p class="back-link no-print"><a href=format!("{}/{}", paths::STAFF_WORKSHOPS, w.id)>{w.title.clone()}</a></p>
                                <h1>{t(lang, "sheet-title")} " : " {w.title.clone()}</h1>
                                <p>{when(&w, lang)} " · " {w.place.name.clone()} ", " {w.place.address.clone()}</p>
                                <p>{t_args(lang, "manage-hosts", &[("hosts", FluentArg::Text(hosts))])}</p>
                                <table class="sheet">
                                    <thead><tr>
                                        <th scope="col">{t(lang, "manage-col-name")}</th>
                                        <th scope="col">{t(lang, "manage-col-seats")}</th>
                                        <th scope="col">{t(lang, "manage-col-code")}</th>
                                        <th scope="col">{t(lang, "sheet-signature")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {m.bookings.into_iter().filter(|b| b.status == "confirmed").map(|b| view! {
                                            <tr><td>{b.first_name}</td><td>{b.seats}</td><td>{b.code}</td><td class="signature"></td></tr>
                                        }).collect_view()}
                                        // Blank lines for people who come without booking.
                                        {(0..3).map(|_| view! { <tr><td></td><td></td><td></td><td class="signature"></td></tr> }).collect_view()}
                                    </tbody>
                                </table>
                                <p class="hint no-print">{t(lang, "sheet-print-hint")}</p>
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

/// What the staff booking page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBookingData {
    /// Upcoming workshops of every organisation, open to sign-up.
    pub workshops: Vec<Workshop>,
    /// (registration id, workshop id, title, starts at, first name, seats, status).
    pub mine: Vec<(i64, i64, String, i64, String, i64, String)>,
    /// The server's clock, to tell which bookings can still be cancelled.
    pub now: i64,
}

/// Upcoming workshops and the bookings the logged-in staff member made (any staff).
#[server(endpoint = "workshops/staff-bookings")]
pub async fn staff_bookings_overview() -> Result<StaffBookingData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let now = crate::state::unix_now();
        Ok(StaffBookingData {
            workshops: store
                .upcoming_workshops(now)
                .await?
                .into_iter()
                .filter(|w| w.open_at(now))
                .collect(),
            mine: store.staff_bookings(member.id).await?,
            now,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A refused staff booking, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedStaffBooking {
    pub workshop: i64,
    pub first_name: String,
    pub error: Option<&'static str>,
}

#[component]
pub fn StaffBookingsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedStaffBooking>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_bookings_overview().await {
                    Ok(data) => {
                        if posted.error.is_some() {
                            set_status(422);
                        }
                        let now = data.now;
                        view! {
                            <Title text=t(lang, "staff-bookings-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "staff-bookings-title")}</h1>
                                <p class="lead">{t(lang, "staff-bookings-lead")}</p>
                                {posted.error.map(|key| view! { <div class="form-errors" role="alert"><p>{t(lang, key)}</p></div> })}
                                {if data.workshops.is_empty() {
                                    view! { <p>{t(lang, "workshops-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {data.workshops.into_iter().map(|w| {
                                                let left = (w.capacity - w.confirmed_seats).max(0);
                                                let name_id = format!("b-name-{}", w.id);
                                                let seats_id = format!("b-seats-{}", w.id);
                                                let value = if posted.workshop == w.id { posted.first_name.clone() } else { String::new() };
                                                view! {
                                                    <li class="card">
                                                        <h2>{w.title.clone()}</h2>
                                                        <p>{when(&w, lang)} " · " {w.place.name.clone()} " · " {w.organisation.clone()}</p>
                                                        <p><strong>{if left == 0 { t(lang, "workshop-waitlist") } else { t_args(lang, "workshop-seats-left", &[("count", FluentArg::Number(left))]) }}</strong></p>
                                                        <form method="post" action=paths::STAFF_BOOKINGS>
                                                            <input type="hidden" name="atelier" value=w.id.to_string() />
                                                            <div class="field">
                                                                <label for=name_id.clone()>{t(lang, "staff-bookings-name")}</label>
                                                                <input id=name_id.clone() name="first_name" value=value maxlength="60" autocomplete="off" />
                                                            </div>
                                                            <div class="field">
                                                                <label for=seats_id.clone()>{t(lang, "signup-seats")}</label>
                                                                <select id=seats_id name="seats">
                                                                    {(1..=MAX_SEATS).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                                                </select>
                                                            </div>
                                                            <button type="submit">{t(lang, "staff-bookings-submit")}
                                                                <span class="visually-hidden">" " {w.title.clone()}</span></button>
                                                        </form>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <h2>{t(lang, "staff-bookings-mine")}</h2>
                                {if data.mine.is_empty() {
                                    view! { <p>{t(lang, "staff-bookings-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {data.mine.into_iter().map(|(id, _, title, starts_at, name, seats, status)| {
                                                let start = chrono::DateTime::from_timestamp(starts_at, 0).unwrap_or_default();
                                                let cancellable = status != "cancelled" && starts_at > now;
                                                let status = match status.as_str() {
                                                    "confirmed" => t(lang, "booking-status-confirmed"),
                                                    "waitlisted" => t(lang, "booking-status-waitlisted"),
                                                    _ => t(lang, "booking-status-cancelled"),
                                                };
                                                view! {
                                                    <li class="card">
                                                        <p><strong>{title.clone()}</strong>" · "{format::date(start, lang)}</p>
                                                        <p>{t_args(lang, "registration-seats", &[("name", FluentArg::Text(name)), ("seats", FluentArg::Number(seats))])} " · " {status}</p>
                                                        {cancellable.then(|| view! {
                                                            <form method="post" action=format!("{}/{id}/annuler", paths::STAFF_BOOKINGS)>
                                                                <button type="submit" class="secondary">{t(lang, "registration-cancel")}
                                                                    <span class="visually-hidden">" " {title.clone()}</span></button>
                                                            </form>
                                                        })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
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

/// What the form to change a workshop needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopFormData {
    pub input: WorkshopInput,
    pub places: Vec<super::model::Place>,
    /// (staff id, name, organisation) of everyone who can host.
    pub hosts: Vec<(i64, String, String)>,
}

/// The form of a workshop to change (`copy` false) or to copy without its date.
#[server(endpoint = "workshops/form")]
pub async fn workshop_form(id: i64, copy: bool) -> Result<WorkshopFormData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let owner = store.workshop_owner(id).await?.ok_or(AppError::NotFound)?;
        if !can_manage(&member, owner) {
            return Err(AppError::Forbidden);
        }
        let workshop = store.workshop(id).await?.ok_or(AppError::NotFound)?;
        let description = store.workshop_description(id).await?.unwrap_or_default();
        let hosts: Vec<i64> = store
            .session_hosts(id)
            .await?
            .into_iter()
            .map(|h| h.0)
            .collect();
        Ok(WorkshopFormData {
            input: WorkshopInput::from_workshop(&workshop, &description, &hosts, !copy),
            places: store.list_places().await?,
            hosts: store.possible_hosts().await?,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A refused change of a workshop, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedEdit {
    pub input: WorkshopInput,
    pub errors: Vec<WorkshopError>,
    pub conflicts: Vec<crate::joint::model::Conflict>,
}

#[component]
pub fn EditWorkshopPage() -> impl IntoView {
    let lang = use_lang();
    let id = param("id").parse::<i64>().unwrap_or(-1);
    let posted = use_context::<PostedEdit>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match workshop_form(id, false).await {
                    Ok(data) => {
                        let (input, errors, conflicts) = match posted.clone() {
                            Some(p) => {
                                set_status(if p.conflicts.is_empty() { 422 } else { 409 });
                                (p.input, p.errors, p.conflicts)
                            }
                            None => (data.input, Vec::new(), Vec::new()),
                        };
                        view! {
                            <Title text=t(lang, "manage-edit") />
                            <div class="page">
                                <p class="back-link"><a href=format!("{}/{id}", paths::STAFF_WORKSHOPS)>{input.title.clone()}</a></p>
                                <h1>{t(lang, "manage-edit")}</h1>
                                <p>{t(lang, "manage-edit-notice")}</p>
                                <super::page::WorkshopForm input places=data.places hosts=data.hosts errors conflicts
                                    action=format!("{}/{id}/modifier", paths::STAFF_WORKSHOPS) submit_key="manage-edit-submit" />
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

#[cfg(test)]
mod tests {
    use super::*;

    fn booking(status: &str, seats: i64, attended: Option<bool>) -> Booking {
        Booking {
            participant_of: None,
            id: 1,
            first_name: "A".into(),
            seats,
            status: status.into(),
            position: None,
            code: "C".into(),
            email: None,
            phone: None,
            booked_by: None,
            attended,
        }
    }

    #[test]
    fn counts_are_seats_of_confirmed_bookings() {
        let list = [
            booking("confirmed", 2, Some(true)),
            booking("confirmed", 1, Some(false)),
            booking("confirmed", 3, None),
            booking("waitlisted", 1, None),
            booking("cancelled", 2, Some(true)),
        ];
        assert_eq!(attendance_counts(&list), (6, 2, 1));
    }
}
