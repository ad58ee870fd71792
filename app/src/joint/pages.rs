//! Staff pages of the joint sessions: the proposals one made or is invited to (with
//! the personal calendar feed), the proposal form, one proposal (answers per slot,
//! conflicts, confirmation, history), the staff calendar and one's unavailability.
//! Every form is a plain POST handled in server/src/joint.rs.
use super::model::{
    CalendarEntry, Conflict, ProposalError, ProposalInput, ProposalView, SessionKind,
    UnavailabilityError, UnavailabilityInput, Unavailable, MAX_SLOTS,
};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    lessons::model::Theme,
    pages::errors::{set_status, ErrorPage},
    staff::model::OrganisationKind,
    workshops::{model::Place, page::span_text},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// One conflict in words: who or what is taken, by what, when.
pub fn conflict_text(c: &Conflict, lang: Lang) -> String {
    let subject = FluentArg::Text(c.subject.clone());
    match &c.other {
        None if c.starts_at == 0 => t_args(lang, "conflict-weekly", &[("subject", subject)]),
        None => t_args(
            lang,
            "conflict-unavailable",
            &[
                ("subject", subject),
                (
                    "when",
                    FluentArg::Text(span_text(c.starts_at, c.ends_at, lang)),
                ),
            ],
        ),
        Some(other) => t_args(
            lang,
            if c.place {
                "conflict-place"
            } else if c.travel {
                "conflict-travel"
            } else {
                "conflict-host"
            },
            &[
                ("subject", subject),
                ("other", FluentArg::Text(other.clone())),
                (
                    "when",
                    FluentArg::Text(span_text(c.starts_at, c.ends_at, lang)),
                ),
            ],
        ),
    }
}

/// The list of what blocks a slot or a workshop.
#[component]
pub fn Conflicts(conflicts: Vec<Conflict>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="conflicts">
            {conflicts.iter().map(|c| view! { <li>{conflict_text(c, lang)}</li> }).collect_view()}
        </ul>
    }
}

/// A badge for joint sessions (text, not colour only).
#[component]
pub fn JointBadge() -> impl IntoView {
    let lang = use_lang();
    view! { <span class="badge joint">{t(lang, "session-joint")}</span> }
}

fn status_key(status: &str) -> &'static str {
    match status {
        "open" => "proposal-status-open",
        "confirmed" => "proposal-status-confirmed",
        _ => "proposal-status-cancelled",
    }
}

/// What the joint sessions home page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointOverview {
    pub me: i64,
    pub proposals: Vec<ProposalView>,
    /// When the personal calendar feed was made, if there is one.
    pub feed_since: Option<i64>,
    /// Coordinators and admins: whether they manage their organisation's feed, and
    /// since when it exists.
    pub manages_organisation_feed: bool,
    pub organisation_feed_since: Option<i64>,
}

/// The proposals the logged-in staff member made or is invited to.
#[server(endpoint = "joint/home")]
pub async fn joint_home() -> Result<JointOverview, AppError> {
    async move {
        use super::store::FeedOwner;
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let manages = member.role != crate::staff::model::Role::Trainer;
        let mut proposals = Vec::new();
        for id in store.proposals_of(member.id).await? {
            if let Some(p) = store.proposal(id).await? {
                proposals.push(p);
            }
        }
        Ok(JointOverview {
            me: member.id,
            proposals,
            feed_since: store
                .calendar_feed_since(FeedOwner::Staff(member.id))
                .await?,
            manages_organisation_feed: manages,
            organisation_feed_since: if manages {
                store
                    .calendar_feed_since(FeedOwner::Organisation(member.organisation_id))
                    .await?
            } else {
                None
            },
        })
    }
    .await
    .map_err(AppError::answered)
}

/// The address of a calendar feed just made, shown once (only its hash is kept), and
/// whether it is the organisation's.
#[derive(Clone, Debug)]
pub struct NewFeedAddress(pub String, pub bool);

/// The feed's section: its state, the address just made, and the buttons.
#[component]
fn FeedSection(
    since: Option<i64>,
    new_address: Option<String>,
    action: &'static str,
    title_key: &'static str,
    lead_key: &'static str,
    field_id: &'static str,
    /// Keys of the create, replace and turn-off buttons.
    button_keys: [&'static str; 3],
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id=field_id>{t(lang, title_key)}</h2>
        <p>{t(lang, lead_key)}</p>
        {new_address.map(|url| view! {
            <div class="callout" role="status">
                <p>{t(lang, "feed-new")}</p>
                <p><label for=format!("{field_id}-url")>{t(lang, "feed-address")}</label></p>
                <input id=format!("{field_id}-url") type="text" readonly value=url class="wide" />
            </div>
        })}
        {since.map(|since| view! {
            <p>{t_args(lang, "feed-since", &[("date", FluentArg::Text(format::unix_date(since, lang)))])}</p>
        })}
        <form method="post" action=action>
            <button type="submit">{if since.is_some() { t(lang, button_keys[1]) } else { t(lang, button_keys[0]) }}</button>
        </form>
        {since.is_some().then(|| view! {
            <form method="post" action=format!("{action}/revoquer")>
                <button type="submit" class="secondary">{t(lang, button_keys[2])}</button>
            </form>
        })}
    }
}

#[component]
pub fn JointSessionsPage() -> impl IntoView {
    let lang = use_lang();
    let new_feed = use_context::<NewFeedAddress>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match joint_home().await {
                    Ok(home) => {
                        let me = home.me;
                        view! {
                            <Title text=t(lang, "joint-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "joint-title")}</h1>
                                <p class="lead">{t(lang, "joint-lead")}</p>
                                <ul class="actions">
                                    <li><a href=paths::JOINT_PROPOSE>{t(lang, "joint-propose")}</a></li>
                                    <li><a href=paths::STAFF_CALENDAR>{t(lang, "calendar-title")}</a></li>
                                    <li><a href=paths::UNAVAILABILITY>{t(lang, "unavailability-title")}</a></li>
                                </ul>
                                <h2>{t(lang, "joint-proposals")}</h2>
                                {if home.proposals.is_empty() {
                                    view! { <p>{t(lang, "joint-no-proposal")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {home.proposals.into_iter().map(|p| {
                                                let waiting = p.status == "open" && p.proposer.id != me
                                                    && p.slots.iter().any(|s| s.status == "open" && !s.answers.iter().any(|(who, _)| *who == me));
                                                let joint = p.slots.iter().any(|s| s.joint);
                                                view! {
                                                    <li class="card">
                                                        <h3><a href=format!("{}/{}", paths::JOINT_PROPOSALS, p.id)>{p.title.clone()}</a></h3>
                                                        <p>{t(lang, p.kind.label_key())} " · " {t(lang, status_key(&p.status))}
                                                            {joint.then(|| view! { " " <JointBadge /> })}</p>
                                                        <p>{t_args(lang, "joint-proposed-by", &[("name", FluentArg::Text(p.proposer.name.clone())), ("organisation", FluentArg::Text(p.proposer.organisation.clone()))])}</p>
                                                        {waiting.then(|| view! { <p><strong>{t(lang, "joint-to-answer")}</strong></p> })}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <FeedSection since=home.feed_since
                                    new_address=new_feed.clone().filter(|f| !f.1).map(|f| f.0)
                                    action=paths::STAFF_FEED title_key="feed-title" lead_key="feed-lead" field_id="agenda"
                                    button_keys=["feed-create", "feed-renew", "feed-revoke"] />
                                {home.manages_organisation_feed.then(|| view! {
                                    <FeedSection since=home.organisation_feed_since
                                        new_address=new_feed.clone().filter(|f| f.1).map(|f| f.0)
                                        action=paths::ORGANISATION_FEED title_key="feed-organisation-title"
                                        lead_key="feed-organisation-lead" field_id="agenda-organisation"
                                        button_keys=["feed-organisation-create", "feed-organisation-renew", "feed-organisation-revoke"] />
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

/// What the proposal form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFormData {
    pub places: Vec<Place>,
    /// (staff id, name, organisation, side) of everyone who can be invited, the
    /// partner side first.
    pub invitable: Vec<(i64, String, String, OrganisationKind)>,
}

/// Places and the people the logged-in member may invite.
#[server(endpoint = "joint/form")]
pub async fn proposal_form() -> Result<ProposalFormData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let mine = store
            .list_organisations()
            .await?
            .into_iter()
            .find(|(id, _, _)| *id == member.organisation_id)
            .map(|(_, _, kind)| kind);
        let mut invitable: Vec<(i64, String, String, OrganisationKind)> = store
            .invitable_staff(member.id)
            .await?
            .into_iter()
            .collect();
        invitable
            .sort_by_key(|(_, name, org, kind)| (Some(*kind) == mine, org.clone(), name.clone()));
        Ok(ProposalFormData {
            places: store.list_places().await?,
            invitable,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A refused proposal form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedProposal {
    pub input: ProposalInput,
    pub errors: Vec<ProposalError>,
}

#[component]
pub fn ProposeSessionPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedProposal>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match proposal_form().await {
                    Ok(data) => {
                        if !posted.errors.is_empty() {
                            set_status(422);
                        }
                        let input = if posted.errors.is_empty() {
                            ProposalInput { kind: SessionKind::ResidentWorkshop.code().into(), duration: "120".into(), ..Default::default() }
                        } else {
                            posted.input.clone()
                        };
                        let errors = posted.errors.clone();
                        let field = |id: &'static str, key: &'static str, kind: &'static str, value: String| view! {
                            <div class="field">
                                <label for=format!("p-{id}")>{t(lang, key)}</label>
                                <input id=format!("p-{id}") name=id type=kind value=value />
                            </div>
                        };
                        view! {
                            <Title text=t(lang, "joint-propose") />
                            <div class="page">
                                <p class="back-link"><a href=paths::JOINT>{t(lang, "joint-title")}</a></p>
                                <h1>{t(lang, "joint-propose")}</h1>
                                <p class="lead">{t(lang, "joint-propose-lead")}</p>
                                {if data.places.is_empty() {
                                    view! { <p>{t(lang, "staff-workshop-no-place")}</p> }.into_any()
                                } else {
                                    view! {
                                        <form method="post" action=paths::JOINT_PROPOSE>
                                            {(!errors.is_empty()).then(|| view! {
                                                <div class="form-errors" role="alert">
                                                    <p><strong>{t(lang, "signup-errors-title")}</strong></p>
                                                    <ul>{errors.iter().map(|e| view! { <li>{t(lang, e.message_key())}</li> }).collect_view()}</ul>
                                                </div>
                                            })}
                                            <fieldset>
                                                <legend>{t(lang, "session-field-kind")}</legend>
                                                {SessionKind::ALL.into_iter().map(|k| {
                                                    let id = format!("p-kind-{}", k.code());
                                                    view! {
                                                        <p class="option">
                                                            <input type="radio" id=id.clone() name="kind" value=k.code() checked=input.kind == k.code() />
                                                            <label for=id>{t(lang, k.label_key())}</label>
                                                        </p>
                                                    }
                                                }).collect_view()}
                                            </fieldset>
                                            {field("title", "workshop-field-title", "text", input.title.clone())}
                                            <div class="field">
                                                <label for="p-theme">{t(lang, "session-field-topic")}</label>
                                                <select id="p-theme" name="theme">
                                                    {Theme::ALL.into_iter().map(|th| view! {
                                                        <option value=th.code() selected=input.theme == th.code()>{t(lang, &th.label_key())}</option>
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            <div class="field">
                                                <label for="p-description">{t(lang, "workshop-field-description")}</label>
                                                <textarea id="p-description" name="description" rows="4">{format::textarea_text(&input.description)}</textarea>
                                            </div>
                                            <div class="field">
                                                <label for="p-place">{t(lang, "workshop-field-place")}</label>
                                                <select id="p-place" name="place">
                                                    {data.places.iter().map(|p| {
                                                        let label = t_args(lang, "workshop-place-option", &[("name", FluentArg::Text(p.name.clone())), ("capacity", FluentArg::Number(p.capacity))]);
                                                        view! { <option value=p.id.to_string() selected=input.place == p.id.to_string()>{label}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            {field("capacity", "workshop-field-capacity", "number", input.capacity.clone())}
                                            {field("duration", "session-field-duration", "number", input.duration.clone())}
                                            <fieldset>
                                                <legend>{t(lang, "session-field-slots")}</legend>
                                                <p class="hint">{t(lang, "session-field-slots-hint")}</p>
                                                {(1..=MAX_SLOTS).map(|n| {
                                                    let (date, start) = input.slots.get(n - 1).cloned().unwrap_or_default();
                                                    view! {
                                                        <div class="slot-row">
                                                            <div class="field">
                                                                <label for=format!("p-slot-date-{n}")>{t_args(lang, "session-slot-date", &[("n", FluentArg::Number(n as i64))])}</label>
                                                                <input id=format!("p-slot-date-{n}") name=format!("slot_date_{n}") type="date" value=date />
                                                            </div>
                                                            <div class="field">
                                                                <label for=format!("p-slot-start-{n}")>{t_args(lang, "session-slot-start", &[("n", FluentArg::Number(n as i64))])}</label>
                                                                <input id=format!("p-slot-start-{n}") name=format!("slot_start_{n}") type="time" value=start />
                                                            </div>
                                                        </div>
                                                    }
                                                }).collect_view()}
                                            </fieldset>
                                            <fieldset>
                                                <legend>{t(lang, "session-field-invitees")}</legend>
                                                {data.invitable.iter().map(|(id, name, organisation, _)| {
                                                    let field = format!("p-invite-{id}");
                                                    let checked = input.invitees.contains(&id.to_string());
                                                    view! {
                                                        <p class="option">
                                                            <input type="checkbox" id=field.clone() name="invitees" value=id.to_string() checked=checked />
                                                            <label for=field>{name.clone()} " (" {organisation.clone()} ")"</label>
                                                        </p>
                                                    }
                                                }).collect_view()}
                                            </fieldset>
                                            <button type="submit">{t(lang, "joint-propose-send")}</button>
                                        </form>
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

/// What one proposal's page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPageData {
    pub proposal: ProposalView,
    pub me: i64,
    pub invited: bool,
}

/// One proposal, for its proposer, its invitees and the coordinators of its
/// organisation; the conflicts of the open slots are filled in.
#[server(endpoint = "joint/proposal")]
pub async fn proposal_details(id: i64) -> Result<ProposalPageData, AppError> {
    async move {
        use crate::staff::model::Role;
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let settings = expect_context::<crate::state::Settings>();
        let mut proposal = store.proposal(id).await?.ok_or(AppError::NotFound)?;
        let invited = proposal.invitees.iter().any(|p| p.id == member.id);
        let organiser =
            member.role != Role::Trainer && member.organisation_id == proposal.organisation_id;
        if !invited && !organiser && proposal.proposer.id != member.id {
            return Err(AppError::Forbidden);
        }
        if proposal.status == "open" {
            let mut slots = std::mem::take(&mut proposal.slots);
            for slot in slots.iter_mut().filter(|s| s.status == "open") {
                let hosts: Vec<(i64, String)> = proposal
                    .hosts_for(slot)
                    .iter()
                    .map(|p| (p.id, p.name.clone()))
                    .collect();
                slot.conflicts = store
                    .conflicts(
                        &hosts,
                        proposal.place_id,
                        slot.starts_at,
                        slot.ends_at,
                        settings.travel_buffer_secs,
                    )
                    .await?;
            }
            proposal.slots = slots;
        }
        Ok(ProposalPageData {
            proposal,
            me: member.id,
            invited,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// Why a confirmation was refused, provided as context by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostedConfirmation {
    Conflicts { slot: i64, conflicts: Vec<Conflict> },
    NotJoint { slot: i64 },
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").unwrap_or_default())
        .parse::<i64>()
        .unwrap_or(-1);
    let refused = use_context::<PostedConfirmation>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match proposal_details(id).await {
                    Ok(data) => {
                        let p = data.proposal.clone();
                        let me = data.me;
                        let base = format!("{}/{}", paths::JOINT_PROPOSALS, p.id);
                        let open = p.status == "open";
                        let mine = p.proposer.id == me;
                        if refused.is_some() {
                            set_status(409);
                        }
                        let invitees = p.invitees.clone();
                        let slots_table = {
                            let p = p.clone();
                            view! {
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "proposal-slots")>
                                    <table>
                                        <caption>{t(lang, "proposal-slots")}</caption>
                                        <thead><tr>
                                            <th scope="col">{t(lang, "proposal-col-slot")}</th>
                                            {invitees.iter().map(|i| view! { <th scope="col">{i.name.clone()} <br /> <small>{i.organisation.clone()}</small></th> }).collect_view()}
                                            <th scope="col">{t(lang, "proposal-col-state")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {p.slots.iter().map(|s| {
                                                let state = match s.status.as_str() {
                                                    "confirmed" => view! { <strong>{t(lang, "slot-confirmed")}</strong> }.into_any(),
                                                    "released" => view! { <span>{t(lang, "slot-released")}</span> }.into_any(),
                                                    _ if !s.conflicts.is_empty() => view! { <div><span>{t(lang, "slot-conflicts")}</span> <Conflicts conflicts=s.conflicts.clone() /></div> }.into_any(),
                                                    _ if s.joint => view! { <span>{t(lang, "slot-ready")} " " <JointBadge /></span> }.into_any(),
                                                    _ => view! { <span>{t(lang, "slot-not-joint")}</span> }.into_any(),
                                                };
                                                view! {
                                                    <tr>
                                                        <th scope="row">{span_text(s.starts_at, s.ends_at, lang)}</th>
                                                        {p.invitees.iter().map(|i| {
                                                            let answer = s.answers.iter().find(|(who, _)| *who == i.id).map(|(_, ok)| *ok);
                                                            let key = match answer { Some(true) => "answer-yes", Some(false) => "answer-no", None => "answer-none" };
                                                            view! { <td>{t(lang, key)}</td> }
                                                        }).collect_view()}
                                                        <td>{state}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                        };
                        let answer_form = (open && data.invited).then(|| {
                            let slots: Vec<_> = p.slots.iter().filter(|s| s.status == "open").cloned().collect();
                            view! {
                                <h2>{t(lang, "proposal-answer-title")}</h2>
                                <form method="post" action=format!("{base}/reponse")>
                                    {slots.into_iter().map(|s| {
                                        let mine = s.answers.iter().find(|(who, _)| *who == me).map(|(_, ok)| *ok);
                                        let name = format!("slot-{}", s.id);
                                        let (yes, no) = (format!("a-{}-oui", s.id), format!("a-{}-non", s.id));
                                        view! {
                                            <fieldset>
                                                <legend>{span_text(s.starts_at, s.ends_at, lang)}</legend>
                                                <p class="option"><input type="radio" id=yes.clone() name=name.clone() value="oui" checked=mine == Some(true) />
                                                    <label for=yes>{t(lang, "answer-yes")}</label></p>
                                                <p class="option"><input type="radio" id=no.clone() name=name value="non" checked=mine == Some(false) />
                                                    <label for=no>{t(lang, "answer-no")}</label></p>
                                            </fieldset>
                                        }
                                    }).collect_view()}
                                    <button type="submit">{t(lang, "proposal-answer-send")}</button>
                                </form>
                            }
                        });
                        let confirm_forms = (open && mine).then(|| {
                            let ready: Vec<_> = p.slots.iter().filter(|s| s.status == "open" && s.joint && s.conflicts.is_empty()).cloned().collect();
                            view! {
                                <h2>{t(lang, "proposal-confirm-title")}</h2>
                                {if ready.is_empty() {
                                    view! { <p>{t(lang, "proposal-confirm-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <p>{t(lang, "proposal-confirm-lead")}</p>
                                        <ul class="actions">
                                            {ready.into_iter().map(|s| view! {
                                                <li>
                                                    <form method="post" action=format!("{base}/confirmer")>
                                                        <input type="hidden" name="slot" value=s.id.to_string() />
                                                        <button type="submit">{t_args(lang, "proposal-confirm-slot", &[("when", FluentArg::Text(span_text(s.starts_at, s.ends_at, lang)))])}</button>
                                                    </form>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <form method="post" action=format!("{base}/retirer")>
                                    <button type="submit" class="secondary">{t(lang, "proposal-withdraw")}</button>
                                </form>
                            }
                        });
                        let refusal = refused.clone().map(|r| match r {
                            PostedConfirmation::Conflicts { conflicts, .. } => view! {
                                <div class="form-errors" role="alert">
                                    <p><strong>{t(lang, "proposal-refused-conflicts")}</strong></p>
                                    <Conflicts conflicts />
                                </div>
                            }.into_any(),
                            PostedConfirmation::NotJoint { .. } => view! {
                                <div class="form-errors" role="alert"><p><strong>{t(lang, "proposal-refused-not-joint")}</strong></p></div>
                            }.into_any(),
                        });
                        view! {
                            <Title text=p.title.clone() />
                            <div class="page">
                                <p class="back-link"><a href=paths::JOINT>{t(lang, "joint-title")}</a></p>
                                <h1>{p.title.clone()}</h1>
                                {refusal}
                                <p class="lead">{t(lang, p.kind.label_key())} " · " {t(lang, status_key(&p.status))}</p>
                                <ul>
                                    <li>{t_args(lang, "joint-proposed-by", &[("name", FluentArg::Text(p.proposer.name.clone())), ("organisation", FluentArg::Text(p.proposer.organisation.clone()))])}</li>
                                    <li>{t_args(lang, "proposal-place", &[("place", FluentArg::Text(p.place_name.clone())), ("capacity", FluentArg::Number(p.capacity))])}</li>
                                    {Theme::parse(&p.theme).map(|th| view! { <li>{t_args(lang, "proposal-topic", &[("topic", FluentArg::Text(t(lang, &th.label_key())))])} " · " <a href=format!("{}?theme={}", paths::MODULES, th.code())>{t(lang, "proposal-topic-modules")}</a></li> })}
                                </ul>
                                {(!p.description.is_empty()).then(|| view! { <p class="pre-line">{p.description.clone()}</p> })}
                                {p.session_id.map(|sid| view! {
                                    <p class="callout" role="status">{t(lang, "proposal-is-confirmed")} " "
                                        {(p.kind == SessionKind::ResidentWorkshop).then(|| view! { <a href=format!("{}/{sid}", paths::STAFF_WORKSHOPS)>{t(lang, "proposal-see-workshop")}</a> })}
                                    </p>
                                })}
                                {slots_table}
                                {answer_form}
                                {confirm_forms}
                                <h2>{t(lang, "proposal-history")}</h2>
                                <ol class="history">
                                    {p.events.iter().map(|e| view! {
                                        <li>{format::date_time(chrono::DateTime::from_timestamp(e.at, 0).unwrap_or_default(), lang)} " · "
                                            {e.actor.clone().unwrap_or_default()} " · " {t(lang, &format!("proposal-event-{}", e.action))}
                                            {(!e.detail.is_empty()).then(|| format!(" ({})", e.detail))}</li>
                                    }).collect_view()}
                                </ol>
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

/// Which sessions the staff calendar shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarQuery {
    /// "liste" (next 90 days), "semaine" or "mois".
    pub view: String,
    /// A day (`2026-12-03`) in the week or month shown; today when empty.
    pub day: String,
    pub organisation: Option<i64>,
    pub trainer: Option<i64>,
    pub place: Option<i64>,
    pub kind: String,
}

/// What the staff calendar shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub entries: Vec<CalendarEntry>,
    /// First and last day shown (`YYYY-MM-DD`), and the days before and after.
    pub from_day: String,
    pub to_day: String,
    pub previous: String,
    pub next: String,
    pub organisations: Vec<(i64, String)>,
    pub trainers: Vec<(i64, String, String)>,
    pub places: Vec<Place>,
}

/// The sessions of the period asked, filtered.
#[server(endpoint = "joint/calendar")]
pub async fn staff_calendar(
    view: String,
    day: String,
    organisation: Option<i64>,
    trainer: Option<i64>,
    place: Option<i64>,
    kind: String,
) -> Result<CalendarData, AppError> {
    let query = CalendarQuery {
        view,
        day,
        organisation,
        trainer,
        place,
        kind,
    };
    async move {
        use chrono::{Datelike as _, TimeZone as _};
        crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let today = chrono::DateTime::from_timestamp(crate::state::unix_now(), 0)
            .unwrap_or_default()
            .with_timezone(&chrono_tz::Europe::Paris)
            .date_naive();
        let day = chrono::NaiveDate::parse_from_str(query.day.trim(), "%Y-%m-%d").unwrap_or(today);
        let (from, to, previous, next) = match query.view.as_str() {
            "semaine" => {
                let monday =
                    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
                (
                    monday,
                    monday + chrono::Duration::days(7),
                    monday - chrono::Duration::days(7),
                    monday + chrono::Duration::days(7),
                )
            }
            "mois" => {
                let first = day.with_day(1).unwrap_or(day);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                let previous = first
                    .checked_sub_months(chrono::Months::new(1))
                    .unwrap_or(first);
                (first, next, previous, next)
            }
            _ => (
                day,
                day + chrono::Duration::days(90),
                day - chrono::Duration::days(90),
                day + chrono::Duration::days(90),
            ),
        };
        let at = |d: chrono::NaiveDate| {
            chrono_tz::Europe::Paris
                .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
                .earliest()
                .map(|t| t.timestamp())
                .unwrap_or_default()
        };
        let kind = SessionKind::parse(&query.kind);
        let entries = store
            .calendar_entries(at(from), at(to), query.trainer, query.organisation)
            .await?
            .into_iter()
            .filter(|e| query.place.is_none_or(|p| p == e.place_id))
            .filter(|e| kind.is_none_or(|k| k == e.kind))
            .collect();
        Ok(CalendarData {
            entries,
            from_day: from.format("%Y-%m-%d").to_string(),
            to_day: (to - chrono::Duration::days(1))
                .format("%Y-%m-%d")
                .to_string(),
            previous: previous.format("%Y-%m-%d").to_string(),
            next: next.format("%Y-%m-%d").to_string(),
            organisations: store
                .list_organisations()
                .await?
                .into_iter()
                .map(|(id, name, _)| (id, name))
                .collect(),
            trainers: store.possible_hosts().await?,
            places: store.list_places().await?,
        })
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn StaffCalendarPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|q| {
        let number = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
        CalendarQuery {
            view: q.get("vue").unwrap_or_default(),
            day: q.get("jour").unwrap_or_default(),
            organisation: number("organisation"),
            trainer: number("formateur"),
            place: number("lieu"),
            kind: q.get("type").unwrap_or_default(),
        }
    });
    view! {
        <Suspense>
            {Suspend::new(async move {
                let q = query.clone();
                match staff_calendar(q.view.clone(), q.day.clone(), q.organisation, q.trainer, q.place, q.kind.clone()).await {
                    Ok(data) => {
                        let view_code = match q.view.as_str() { "semaine" | "mois" => q.view.clone(), _ => "liste".to_string() };
                        let link = |day: &str| {
                            let mut s = format!("{}?vue={view_code}&jour={day}", paths::STAFF_CALENDAR);
                            if let Some(o) = q.organisation { s.push_str(&format!("&organisation={o}")); }
                            if let Some(f) = q.trainer { s.push_str(&format!("&formateur={f}")); }
                            if let Some(l) = q.place { s.push_str(&format!("&lieu={l}")); }
                            if !q.kind.is_empty() { s.push_str(&format!("&type={}", q.kind)); }
                            s
                        };
                        let (previous, next) = (link(&data.previous), link(&data.next));
                        // Grouped by day (Paris time): readable on a phone, printable.
                        let mut days: Vec<(String, Vec<CalendarEntry>)> = Vec::new();
                        for e in data.entries.iter() {
                            let day = format::unix_date(e.starts_at, lang);
                            match days.last_mut() {
                                Some((d, list)) if *d == day => list.push(e.clone()),
                                _ => days.push((day, vec![e.clone()])),
                            }
                        }
                        let joint_count = data.entries.iter().filter(|e| e.joint() && !e.cancelled).count() as i64;
                        let selected = |v: Option<i64>, id: i64| v == Some(id);
                        view! {
                            <Title text=t(lang, "calendar-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::JOINT>{t(lang, "joint-title")}</a></p>
                                <h1>{t(lang, "calendar-title")}</h1>
                                <form method="get" action=paths::STAFF_CALENDAR class="filters">
                                    <div class="field">
                                        <label for="c-vue">{t(lang, "calendar-view")}</label>
                                        <select id="c-vue" name="vue">
                                            {[("liste", "calendar-view-list"), ("semaine", "calendar-view-week"), ("mois", "calendar-view-month")].into_iter().map(|(v, key)| view! {
                                                <option value=v selected=view_code == v>{t(lang, key)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="c-jour">{t(lang, "calendar-day")}</label>
                                        <input id="c-jour" name="jour" type="date" value=data.from_day.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="c-org">{t(lang, "calendar-organisation")}</label>
                                        <select id="c-org" name="organisation">
                                            <option value="">{t(lang, "calendar-all")}</option>
                                            {data.organisations.iter().map(|(id, name)| view! { <option value=id.to_string() selected=selected(q.organisation, *id)>{name.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="c-trainer">{t(lang, "calendar-trainer")}</label>
                                        <select id="c-trainer" name="formateur">
                                            <option value="">{t(lang, "calendar-all")}</option>
                                            {data.trainers.iter().map(|(id, name, org)| view! { <option value=id.to_string() selected=selected(q.trainer, *id)>{format!("{name} ({org})")}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="c-place">{t(lang, "calendar-place")}</label>
                                        <select id="c-place" name="lieu">
                                            <option value="">{t(lang, "calendar-all")}</option>
                                            {data.places.iter().map(|p| view! { <option value=p.id.to_string() selected=selected(q.place, p.id)>{p.name.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="c-kind">{t(lang, "calendar-kind")}</label>
                                        <select id="c-kind" name="type">
                                            <option value="">{t(lang, "calendar-all")}</option>
                                            {SessionKind::ALL.into_iter().map(|k| view! { <option value=k.code() selected=q.kind == k.code()>{t(lang, k.label_key())}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit">{t(lang, "calendar-show")}</button>
                                </form>
                                <p role="status">{t_args(lang, "calendar-period", &[
                                    ("from", FluentArg::Text(format::iso_date(&data.from_day, lang))),
                                    ("to", FluentArg::Text(format::iso_date(&data.to_day, lang))),
                                    ("count", FluentArg::Number(data.entries.len() as i64)),
                                    ("joint", FluentArg::Number(joint_count)),
                                ])}</p>
                                <nav aria-label=t(lang, "calendar-nav")>
                                    <ul class="actions">
                                        <li><a href=previous>{t(lang, "calendar-previous")}</a></li>
                                        <li><a href=next>{t(lang, "calendar-next")}</a></li>
                                    </ul>
                                </nav>
                                {if days.is_empty() {
                                    view! { <p>{t(lang, "calendar-empty")}</p> }.into_any()
                                } else {
                                    days.into_iter().map(|(day, list)| view! {
                                        <section class="calendar-day">
                                            <h2>{day}</h2>
                                            <ul class="cards">
                                                {list.into_iter().map(|e| {
                                                    let hosts = e.hosts.iter().map(|(_, n, _)| n.clone()).collect::<Vec<_>>().join(", ");
                                                    let joint = e.joint();
                                                    let start = chrono::DateTime::from_timestamp(e.starts_at, 0).unwrap_or_default();
                                                    let end = chrono::DateTime::from_timestamp(e.ends_at, 0).unwrap_or_default();
                                                    view! {
                                                        <li class=if joint { "card joint" } else { "card" }>
                                                            <h3>{format!("{} – {} · ", format::time(start, lang), format::time(end, lang))}
                                                                {if e.kind == SessionKind::ResidentWorkshop {
                                                                    view! { <a href=format!("{}/{}", paths::STAFF_WORKSHOPS, e.id)>{e.title.clone()}</a> }.into_any()
                                                                } else {
                                                                    view! { <span>{e.title.clone()}</span> }.into_any()
                                                                }}</h3>
                                                            <p>{t(lang, e.kind.label_key())} {joint.then(|| view! { " " <JointBadge /> })}
                                                                {e.cancelled.then(|| view! { " " <strong>{t(lang, "workshop-cancelled")}</strong> })}</p>
                                                            <p>{e.place_name.clone()} " · " {t_args(lang, "manage-hosts", &[("hosts", FluentArg::Text(hosts))])}</p>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        </section>
                                    }).collect_view().into_any()
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

/// One's unavailability: (id, block, note).
#[server(endpoint = "joint/unavailability")]
pub async fn my_unavailability() -> Result<Vec<(i64, Unavailable, String)>, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        Ok(store
            .unavailabilities(member.id, crate::state::unix_now())
            .await?)
    }
    .await
    .map_err(AppError::answered)
}

/// A refused unavailability form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedUnavailability {
    pub input: UnavailabilityInput,
    pub errors: Vec<UnavailabilityError>,
}

fn weekday_key(day: i64) -> String {
    format!("weekday-{day}")
}

fn minutes_text(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[component]
pub fn UnavailabilityPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedUnavailability>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match my_unavailability().await {
                    Ok(blocks) => {
                        if !posted.errors.is_empty() {
                            set_status(422);
                        }
                        let input = if posted.errors.is_empty() {
                            UnavailabilityInput { repeat: "ponctuelle".into(), ..Default::default() }
                        } else {
                            posted.input.clone()
                        };
                        let errors = posted.errors.clone();
                        view! {
                            <Title text=t(lang, "unavailability-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::JOINT>{t(lang, "joint-title")}</a></p>
                                <h1>{t(lang, "unavailability-title")}</h1>
                                <p class="lead">{t(lang, "unavailability-lead")}</p>
                                {if blocks.is_empty() {
                                    view! { <p>{t(lang, "unavailability-none")}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="cards">
                                            {blocks.into_iter().map(|(id, block, note)| {
                                                let text = match block {
                                                    Unavailable::OneOff { starts_at, ends_at } => span_text(starts_at, ends_at, lang),
                                                    Unavailable::Weekly(w) => t_args(lang, "unavailability-weekly", &[
                                                        ("day", FluentArg::Text(t(lang, &weekday_key(w.weekday)))),
                                                        ("start", FluentArg::Text(minutes_text(w.start_minute))),
                                                        ("end", FluentArg::Text(minutes_text(w.end_minute))),
                                                    ]),
                                                };
                                                view! {
                                                    <li class="card">
                                                        <p>{text.clone()} {(!note.is_empty()).then(|| format!(" · {note}"))}</p>
                                                        <form method="post" action=format!("{}/{id}/supprimer", paths::UNAVAILABILITY)>
                                                            <button type="submit" class="secondary">{t(lang, "unavailability-delete")}
                                                                <span class="visually-hidden">" " {text}</span></button>
                                                        </form>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <h2>{t(lang, "unavailability-new")}</h2>
                                <form method="post" action=paths::UNAVAILABILITY>
                                    {(!errors.is_empty()).then(|| view! {
                                        <div class="form-errors" role="alert">
                                            <p><strong>{t(lang, "signup-errors-title")}</strong></p>
                                            <ul>{errors.iter().map(|e| view! { <li>{t(lang, e.message_key())}</li> }).collect_view()}</ul>
                                        </div>
                                    })}
                                    <fieldset>
                                        <legend>{t(lang, "unavailability-repeat")}</legend>
                                        <p class="option"><input type="radio" id="u-once" name="repeat" value="ponctuelle" checked=input.repeat != "hebdomadaire" />
                                            <label for="u-once">{t(lang, "unavailability-once")}</label></p>
                                        <p class="option"><input type="radio" id="u-weekly" name="repeat" value="hebdomadaire" checked=input.repeat == "hebdomadaire" />
                                            <label for="u-weekly">{t(lang, "unavailability-every-week")}</label></p>
                                    </fieldset>
                                    <div class="field">
                                        <label for="u-date">{t(lang, "unavailability-date")}</label>
                                        <input id="u-date" name="date" type="date" value=input.date.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="u-weekday">{t(lang, "unavailability-weekday")}</label>
                                        <select id="u-weekday" name="weekday">
                                            {(1..=7).map(|d| view! { <option value=d.to_string() selected=input.weekday == d.to_string()>{t(lang, &weekday_key(d))}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="u-start">{t(lang, "unavailability-start")}</label>
                                        <input id="u-start" name="start" type="time" value=input.start.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="u-end">{t(lang, "unavailability-end")}</label>
                                        <input id="u-end" name="end" type="time" value=input.end.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="u-note">{t(lang, "unavailability-note")}</label>
                                        <input id="u-note" name="note" type="text" value=input.note.clone() />
                                    </div>
                                    <button type="submit">{t(lang, "unavailability-add")}</button>
                                </form>
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
