//! Professional trainings ("formations entre professionnels") seen by staff: the
//! upcoming trainings of every organisation, with a sign-up and a withdrawal for
//! oneself (capacity and waitlist as for workshops), and the trainings one signed up
//! for with the attendance recorded. Forms post to server/src/staff_workshops.rs; the
//! organisers record attendance on the session's management page.
use super::model::{Participation, Workshop};
use super::page::when;
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, t_args, use_lang, FluentArg},
    joint::pages::JointBadge,
    pages::errors::{set_status, ErrorPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// One upcoming training as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingCard {
    pub training: Workshop,
    /// Names of the hosts.
    pub hosts: Vec<String>,
    pub joint: bool,
    /// The logged-in staff member hosts it.
    pub hosting: bool,
    /// The logged-in staff member may open its management page (bookings, attendance).
    pub manages: bool,
    /// The logged-in staff member's registration: Some(None) confirmed, Some(Some(n))
    /// n-th on the waitlist.
    pub mine: Option<Option<i64>>,
}

/// What the trainings page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingsData {
    pub upcoming: Vec<TrainingCard>,
    /// The trainings one signed up for, newest first (past ones with attendance).
    pub mine: Vec<Participation>,
    pub now: i64,
}

/// Upcoming professional trainings and one's own registrations (any staff member).
#[server(endpoint = "workshops/trainings")]
pub async fn trainings_overview() -> Result<TrainingsData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let now = crate::state::unix_now();
        let trainings = store.upcoming_trainings(now).await?;
        let last = trainings.iter().map(|t| t.ends_at).max().unwrap_or(now);
        let entries = store.calendar_entries(now, last + 1, None, None).await?;
        let mine = store.participations(member.id).await?;
        let upcoming = trainings
            .into_iter()
            .map(|training| {
                let entry = entries.iter().find(|e| e.id == training.id);
                let hosting = entry.is_some_and(|e| e.hosts.iter().any(|h| h.0 == member.id));
                let owner = entry.map_or(-1, |e| e.organisation_id);
                let manages = hosting || super::staff_pages::can_manage(&member, owner);
                TrainingCard {
                    hosts: entry.map_or_else(Vec::new, |e| {
                        e.hosts.iter().map(|(_, n, _)| n.clone()).collect()
                    }),
                    joint: entry.is_some_and(|e| e.joint()),
                    hosting,
                    manages,
                    mine: mine
                        .iter()
                        .find(|p| p.training.id == training.id)
                        .map(|p| p.position),
                    training,
                }
            })
            .collect();
        Ok(TrainingsData {
            upcoming,
            mine,
            now,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A refused sign-up or withdrawal, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedTraining {
    pub training: i64,
    pub error: Option<&'static str>,
}

fn attendance_key(p: &Participation, now: i64) -> &'static str {
    match (p.position, p.attended) {
        (Some(_), _) => "booking-status-waitlisted",
        (None, Some(true)) => "trainings-present",
        (None, Some(false)) => "trainings-absent",
        (None, None) if p.training.starts_at > now => "booking-status-confirmed",
        (None, None) => "trainings-not-recorded",
    }
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedTraining>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match trainings_overview().await {
                    Ok(data) => {
                        if posted.error.is_some() {
                            set_status(409);
                        }
                        let now = data.now;
                        view! {
                            <Title text=t(lang, "trainings-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "trainings-title")}</h1>
                                <p class="lead">{t(lang, "trainings-lead")}</p>
                                {posted.error.map(|key| view! { <div class="form-errors" role="alert"><p>{t(lang, key)}</p></div> })}
                                {if data.upcoming.is_empty() {
                                    view! { <p>{t(lang, "trainings-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {data.upcoming.into_iter().map(|c| view! { <TrainingItem card=c /> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <h2>{t(lang, "trainings-mine")}</h2>
                                {if data.mine.is_empty() {
                                    view! { <p>{t(lang, "trainings-mine-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {data.mine.into_iter().map(|p| {
                                                let status = match p.position {
                                                    Some(n) => t_args(lang, "booking-status-waiting", &[("position", FluentArg::Number(n))]),
                                                    None => t(lang, attendance_key(&p, now)),
                                                };
                                                view! {
                                                    <li class="card">
                                                        <p><strong>{p.training.title.clone()}</strong></p>
                                                        <p>{when(&p.training, lang)} " · " {p.training.place.name.clone()}</p>
                                                        <p>{status}
                                                            {p.training.cancelled.then(|| view! { " · " <strong>{t(lang, "workshop-cancelled")}</strong> })}</p>
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

#[component]
fn TrainingItem(card: TrainingCard) -> impl IntoView {
    let lang = use_lang();
    let w = card.training;
    let left = (w.capacity - w.confirmed_seats).max(0);
    let action = format!("{}/{}", paths::STAFF_TRAININGS, w.id);
    let seats = if left == 0 {
        t(lang, "trainings-full")
    } else {
        t_args(
            lang,
            "workshop-seats-left",
            &[("count", FluentArg::Number(left))],
        )
    };
    let mine = match card.mine {
        Some(None) => Some(t(lang, "trainings-registered")),
        Some(Some(n)) => Some(t_args(
            lang,
            "trainings-waiting",
            &[("position", FluentArg::Number(n))],
        )),
        None => None,
    };
    let button = if card.hosting {
        view! { <p>{t(lang, "trainings-hosting")}</p> }.into_any()
    } else if card.mine.is_some() {
        view! {
            <form method="post" action=format!("{action}/desinscription")>
                <button type="submit" class="secondary">{t(lang, "trainings-withdraw")}
                    <span class="visually-hidden">" " {w.title.clone()}</span></button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("{action}/inscription")>
                <button type="submit">{t(lang, "trainings-sign-up")}
                    <span class="visually-hidden">" " {w.title.clone()}</span></button>
            </form>
        }
        .into_any()
    };
    view! {
        <li class=if card.joint { "card joint" } else { "card" } id=format!("formation-{}", w.id)>
            <h2>{w.title.clone()}</h2>
            <p>{when(&w, lang)} " · " {w.place.name.clone()}
                {card.joint.then(|| view! { " " <JointBadge /> })}</p>
            <p>{t_args(lang, "manage-hosts", &[("hosts", FluentArg::Text(card.hosts.join(", ")))])}</p>
            <p><strong>{seats}</strong></p>
            {mine.map(|text| view! { <p class="status">{text}</p> })}
            {button}
            {card.manages.then(|| view! {
                <p><a href=format!("{}/{}", paths::STAFF_WORKSHOPS, w.id)>{t(lang, "trainings-manage")}
                    <span class="visually-hidden">" " {w.title.clone()}</span></a></p>
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshops::model::Place;

    fn participation(
        position: Option<i64>,
        attended: Option<bool>,
        starts_at: i64,
    ) -> Participation {
        Participation {
            training: Workshop {
                id: 1,
                title: "T".into(),
                theme: "budget".into(),
                description_html: String::new(),
                starts_at,
                ends_at: starts_at + 3600,
                place: Place {
                    id: 1,
                    name: "Salle".into(),
                    address: String::new(),
                    access: String::new(),
                    accessibility: String::new(),
                    capacity: 10,
                    step_free: true,
                    hearing_loop: false,
                },
                organisation: "CCAS".into(),
                capacity: 10,
                staff_reserved: 0,
                signup_deadline: starts_at,
                cancelled: false,
                confirmed_seats: 1,
                waitlisted: 0,
                description: String::new(),
                sequence: 0,
                professional: true,
            },
            registration: 1,
            position,
            attended,
        }
    }

    #[test]
    fn a_participation_reads_as_waiting_registered_present_absent_or_not_recorded() {
        assert_eq!(
            attendance_key(&participation(Some(2), None, 100), 0),
            "booking-status-waitlisted"
        );
        assert_eq!(
            attendance_key(&participation(None, None, 100), 0),
            "booking-status-confirmed"
        );
        assert_eq!(
            attendance_key(&participation(None, None, 100), 200),
            "trainings-not-recorded"
        );
        assert_eq!(
            attendance_key(&participation(None, Some(true), 100), 200),
            "trainings-present"
        );
        assert_eq!(
            attendance_key(&participation(None, Some(false), 100), 200),
            "trainings-absent"
        );
    }
}
