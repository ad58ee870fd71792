//! Pages of the help directory: the public list with its filter by need and its search
//! (a plain GET form), the help pages of `content/aide/`, and the staff pages that add
//! and change entries (forms post to server/src/help.rs).
use super::model::{HelpEntry, HelpError, HelpInput, Need, Urgency, APPOINTMENTS, KINDS};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    pages::errors::{set_status, ErrorPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// What the directory page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub entries: Vec<HelpEntry>,
    /// The help pages: (slug, title).
    pub pages: Vec<(String, String)>,
}

/// The active entries serving `need` ("" for all) that match `query`.
#[server(endpoint = "help/directory")]
pub async fn help_directory(need: String, query: String) -> Result<Directory, AppError> {
    async move {
        let store = expect_context::<crate::db::Store>();
        let need = Need::parse(&need);
        let query: String = query.chars().take(100).collect();
        Ok(Directory {
            entries: store
                .help_entries()
                .await?
                .into_iter()
                .filter(|e| e.active && e.matches(need, &query))
                .collect(),
            pages: store.help_page_list().await?,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A help page: (title, sanitised html).
#[server(endpoint = "help/page")]
pub async fn help_page(slug: String) -> Result<(String, String), AppError> {
    async move {
        let store = expect_context::<crate::db::Store>();
        store.help_page(&slug).await?.ok_or(AppError::NotFound)
    }
    .await
    .map_err(AppError::answered)
}

fn kind_key(kind: &str) -> String {
    format!("help-kind-{kind}")
}

fn appointment_key(value: &str) -> &'static str {
    match value {
        "yes" => "help-appointment-yes",
        "no" => "help-appointment-no",
        _ => "help-appointment-unknown",
    }
}

/// One line of an entry: a label, and the value or "à vérifier".
#[component]
fn Detail(
    label: &'static str,
    value: String,
    #[prop(optional)] href: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let shown = if value.is_empty() {
        view! { <span class="to-check">{t(lang, "help-to-check")}</span> }.into_any()
    } else if let Some(href) = href {
        view! { <a href=href>{value}</a> }.into_any()
    } else {
        view! { <span>{value}</span> }.into_any()
    };
    view! { <div class="detail"><dt>{t(lang, label)}</dt><dd>{shown}</dd></div> }
}

/// One service of the directory, as residents read it.
#[component]
pub fn HelpCard(entry: HelpEntry, #[prop(default = 2)] level: u8) -> impl IntoView {
    let lang = use_lang();
    let tel = entry.tel_href();
    let checked = format::iso_date(&entry.last_checked, lang);
    let urgent = entry
        .urgent
        .iter()
        .map(|u| t(lang, u.label_key()))
        .collect::<Vec<_>>()
        .join(", ");
    let needs = entry
        .needs
        .iter()
        .map(|n| t(lang, n.label_key()))
        .collect::<Vec<_>>()
        .join(", ");
    let name = entry.name.clone();
    let heading = match level {
        3 => view! { <h3>{name}</h3> }.into_any(),
        4 => view! { <h4>{name}</h4> }.into_any(),
        _ => view! { <h2>{name}</h2> }.into_any(),
    };
    view! {
        <li class="card help-entry" id=format!("aide-{}", entry.slug)>
            {heading}
            <p class="kind">{t(lang, &kind_key(&entry.kind))} " · " {needs}</p>
            {(!urgent.is_empty()).then(|| view! {
                <p class="urgent"><strong>{t_args(lang, "help-urgent-for", &[("situations", FluentArg::Text(urgent))])}</strong></p>
            })}
            <p>{entry.what.clone()}</p>
            <p><strong>{t(lang, "help-for-whom")}</strong> " " {entry.for_whom.clone()}</p>
            <dl class="details">
                <Detail label="help-phone" value=entry.phone.clone() href=tel.unwrap_or_default() />
                <Detail label="help-address" value=entry.address.clone() />
                <Detail label="help-hours" value=entry.hours.clone() />
                <div class="detail"><dt>{t(lang, "help-appointment")}</dt><dd>{t(lang, appointment_key(&entry.appointment))}</dd></div>
                <Detail label="help-accessibility" value=entry.accessibility.clone() />
                <Detail label="help-website" value=entry.website.clone() href=entry.website.clone() />
            </dl>
            <p class="hint">{t_args(lang, "help-checked", &[("date", FluentArg::Text(checked))])}
                {(!entry.sources.is_empty()).then(|| view! {
                    " " {t(lang, "help-sources")} " "
                    {entry.sources.iter().enumerate().map(|(i, s)| view! {
                        {(i > 0).then_some(", ")}
                        <a href=s.url.clone()>{s.title.clone()}</a>
                    }).collect_view()}
                })}
            </p>
        </li>
    }
}

fn query_value(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

#[component]
pub fn HelpDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let need = query_value("besoin");
    let query = query_value("q");
    let (chosen, typed) = (need.clone(), query.clone());
    view! {
        <Suspense>
            {Suspend::new(async move {
                let (chosen, typed) = (chosen.clone(), typed.clone());
                match help_directory(need.clone(), query.clone()).await {
                    Ok(data) => view! {
                        <Title text=t(lang, "help-title") />
                        <div class="page">
                            <h1>{t(lang, "help-title")}</h1>
                            <p class="lead">{t(lang, "help-lead")}</p>
                            <p class="callout">{t(lang, "help-urgent-lead")} " "
                                <a href=format!("{}#resultat", paths::SELF_CHECK)>{t(lang, "self-check-title")}</a></p>
                            <form method="get" action=paths::HELP class="help-filters no-print" role="search">
                                <div class="field">
                                    <label for="h-need">{t(lang, "help-filter-need")}</label>
                                    <select id="h-need" name="besoin">
                                        <option value="" selected=chosen.is_empty()>{t(lang, "help-filter-all")}</option>
                                        {Need::ALL.into_iter().map(|n| view! {
                                            <option value=n.code() selected=chosen == n.code()>{t(lang, n.label_key())}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="h-q">{t(lang, "help-filter-search")}</label>
                                    <input id="h-q" name="q" type="search" value=typed.clone() maxlength="100" />
                                </div>
                                <button type="submit">{t(lang, "help-filter-submit")}</button>
                            </form>
                            <p role="status">{t_args(lang, "help-count", &[("count", FluentArg::Number(data.entries.len() as i64))])}</p>
                            {if data.entries.is_empty() {
                                view! { <p>{t(lang, "help-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {data.entries.into_iter().map(|entry| view! { <HelpCard entry /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>{t(lang, "help-pages-title")}</h2>
                            <ul>
                                {data.pages.into_iter().map(|(slug, title)| view! {
                                    <li><a href=format!("{}/{slug}", paths::HELP)>{title}</a></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn HelpGuidePage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().with_untracked(|p| p.get("page").unwrap_or_default());
    view! {
        <Suspense>
            {Suspend::new(async move {
                match help_page(slug.clone()).await {
                    Ok((title, html)) => view! {
                        <Title text=title.clone() />
                        <div class="page lesson">
                            <p class="back-link no-print"><a href=paths::HELP>{t(lang, "help-title")}</a></p>
                            <h1>{title}</h1>
                            // Rendered and sanitised at import (lessons::render).
                            <div class="lesson-body" inner_html=html></div>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the staff directory page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDirectory {
    pub entries: Vec<HelpEntry>,
    /// Coordinators and administrators add and change entries; trainers read.
    pub can_edit: bool,
    /// The server's clock (the new entry's check date).
    pub now: i64,
}

/// Every entry, hidden ones included (any staff member).
#[server(endpoint = "help/staff")]
pub async fn staff_help_directory() -> Result<StaffDirectory, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        Ok(StaffDirectory {
            entries: store.help_entries().await?,
            can_edit: member.role.manages_help(),
            now: crate::state::unix_now(),
        })
    }
    .await
    .map_err(AppError::answered)
}

/// One entry to change (coordinators and administrators).
#[server(endpoint = "help/entry")]
pub async fn help_entry_form(id: i64) -> Result<HelpEntry, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        if !member.role.manages_help() {
            return Err(AppError::Forbidden);
        }
        let store = expect_context::<crate::db::Store>();
        store.help_entry(id).await?.ok_or(AppError::NotFound)
    }
    .await
    .map_err(AppError::answered)
}

/// A refused entry form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedHelp {
    pub input: HelpInput,
    pub errors: Vec<HelpError>,
    /// The slug is another entry's.
    pub slug_taken: bool,
}

#[component]
pub fn StaffHelpPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedHelp>();
    view! {
        <Suspense>
            {Suspend::new({
                let posted = posted.clone();
                async move {
                match staff_help_directory().await {
                    Ok(data) => {
                        let refused = posted.as_ref().is_some_and(|p| !p.errors.is_empty() || p.slug_taken);
                        if refused {
                            set_status(422);
                        }
                        let new_entry = HelpInput {
                            appointment: "unknown".into(),
                            last_checked: chrono::DateTime::from_timestamp(data.now, 0)
                                .unwrap_or_default()
                                .format("%Y-%m-%d")
                                .to_string(),
                            active: true,
                            ..HelpInput::default()
                        };
                        view! {
                            <Title text=t(lang, "help-staff-title") />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "help-staff-title")}</h1>
                                <p class="lead">{t(lang, "help-staff-lead")}</p>
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "help-staff-title")>
                                    <table>
                                        <caption class="visually-hidden">{t(lang, "help-staff-title")}</caption>
                                        <thead><tr>
                                            <th scope="col">{t(lang, "help-field-name")}</th>
                                            <th scope="col">{t(lang, "help-field-last-checked")}</th>
                                            <th scope="col">{t(lang, "help-staff-missing")}</th>
                                            <th scope="col">{t(lang, "help-staff-shown")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {data.entries.into_iter().map(|e| {
                                                let missing = [(&e.phone, "help-phone"), (&e.address, "help-address"), (&e.hours, "help-hours")]
                                                    .into_iter()
                                                    .filter(|(v, _)| v.is_empty())
                                                    .map(|(_, k)| t(lang, k))
                                                    .collect::<Vec<_>>()
                                                    .join(", ");
                                                view! {
                                                    <tr>
                                                        <td>{if data.can_edit {
                                                            view! { <a href=format!("{}/{}", paths::STAFF_HELP, e.id)>{e.name.clone()}</a> }.into_any()
                                                        } else {
                                                            view! { <span>{e.name.clone()}</span> }.into_any()
                                                        }}</td>
                                                        <td>{format::iso_date(&e.last_checked, lang)}</td>
                                                        <td>{missing}</td>
                                                        <td>{if e.active { t(lang, "help-staff-shown-yes") } else { t(lang, "help-staff-shown-no") }}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {data.can_edit.then(|| {
                                    let (input, errors, taken) = match posted.clone() {
                                        Some(p) => (p.input, p.errors, p.slug_taken),
                                        None => (new_entry, Vec::new(), false),
                                    };
                                    view! {
                                        <h2>{t(lang, "help-staff-new")}</h2>
                                        <HelpForm input errors taken action=paths::STAFF_HELP.to_string() submit="help-staff-create" />
                                    }
                                })}
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            }})}
        </Suspense>
    }
}

#[component]
pub fn EditHelpPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedHelp>();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").unwrap_or_default().parse::<i64>().unwrap_or(-1));
    view! {
        <Suspense>
            {Suspend::new({
                let posted = posted.clone();
                async move {
                match help_entry_form(id).await {
                    Ok(entry) => {
                        let (input, errors, taken) = match posted.clone() {
                            Some(p) => (p.input, p.errors, p.slug_taken),
                            None => (HelpInput::of(&entry), Vec::new(), false),
                        };
                        if !errors.is_empty() || taken {
                            set_status(422);
                        }
                        view! {
                            <Title text=entry.name.clone() />
                            <div class="page">
                                <p class="back-link"><a href=paths::STAFF_HELP>{t(lang, "help-staff-title")}</a></p>
                                <h1>{entry.name.clone()}</h1>
                                <HelpForm input errors taken action=format!("{}/{id}", paths::STAFF_HELP) submit="help-staff-save" />
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            }})}
        </Suspense>
    }
}

fn text_field(
    lang: Lang,
    name: &'static str,
    key: &'static str,
    value: String,
    bad: bool,
) -> impl IntoView {
    let id = format!("h-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(lang, key)}</label>
            <input id=id name=name value=value maxlength="2000" aria-invalid=bad.then_some("true") />
        </div>
    }
}

fn area_field(
    lang: Lang,
    name: &'static str,
    key: &'static str,
    value: String,
    bad: bool,
) -> impl IntoView {
    let id = format!("h-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(lang, key)}</label>
            <textarea id=id name=name rows="3" aria-invalid=bad.then_some("true")>{format::textarea_text(&value)}</textarea>
        </div>
    }
}

#[component]
fn HelpForm(
    input: HelpInput,
    errors: Vec<HelpError>,
    taken: bool,
    action: String,
    submit: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let bad = |e: HelpError| errors.contains(&e);
    view! {
        <form method="post" action=action class="help-form">
            {(!errors.is_empty() || taken).then(|| view! {
                <div class="form-errors" role="alert">
                    <p>{t(lang, "help-error-intro")}</p>
                    <ul>
                        {taken.then(|| view! { <li>{t(lang, "help-error-slug-taken")}</li> })}
                        {errors.iter().map(|e| view! { <li>{t(lang, e.key())}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {text_field(lang, "name", "help-field-name", input.name.clone(), bad(HelpError::Name))}
            <div class="field">
                <label for="h-slug">{t(lang, "help-field-slug")}</label>
                <input id="h-slug" name="slug" value=input.slug.clone() maxlength="80" aria-describedby="h-slug-hint"
                    aria-invalid=(bad(HelpError::Slug) || taken).then_some("true") />
                <p class="hint" id="h-slug-hint">{t(lang, "help-field-slug-hint")}</p>
            </div>
            <div class="field">
                <label for="h-kind">{t(lang, "help-field-kind")}</label>
                <select id="h-kind" name="kind">
                    {KINDS.into_iter().map(|k| view! {
                        <option value=k selected=input.kind == k>{t(lang, &kind_key(k))}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset>
                <legend>{t(lang, "help-field-needs")}</legend>
                {Need::ALL.into_iter().map(|n| {
                    let id = format!("h-need-{}", n.code());
                    view! {
                        <p class="option"><input type="checkbox" id=id.clone() name="needs" value=n.code()
                            checked=input.needs.iter().any(|x| x == n.code()) />
                            <label for=id>{t(lang, n.label_key())}</label></p>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{t(lang, "help-field-urgent")}</legend>
                {Urgency::ALL.into_iter().map(|u| {
                    let id = format!("h-urgent-{}", u.code());
                    view! {
                        <p class="option"><input type="checkbox" id=id.clone() name="urgent" value=u.code()
                            checked=input.urgent.iter().any(|x| x == u.code()) />
                            <label for=id>{t(lang, u.label_key())}</label></p>
                    }
                }).collect_view()}
            </fieldset>
            {area_field(lang, "what", "help-field-what", input.what.clone(), bad(HelpError::What))}
            {area_field(lang, "for_whom", "help-field-for-whom", input.for_whom.clone(), bad(HelpError::ForWhom))}
            <p class="hint">{t(lang, "help-field-empty-hint")}</p>
            {text_field(lang, "phone", "help-phone", input.phone.clone(), bad(HelpError::Phone))}
            {text_field(lang, "address", "help-address", input.address.clone(), false)}
            {text_field(lang, "hours", "help-hours", input.hours.clone(), false)}
            {text_field(lang, "website", "help-website", input.website.clone(), bad(HelpError::Website))}
            <div class="field">
                <label for="h-appointment">{t(lang, "help-appointment")}</label>
                <select id="h-appointment" name="appointment">
                    {APPOINTMENTS.into_iter().map(|a| view! {
                        <option value=a selected=input.appointment == a>{t(lang, appointment_key(a))}</option>
                    }).collect_view()}
                </select>
            </div>
            {text_field(lang, "accessibility", "help-accessibility", input.accessibility.clone(), false)}
            <div class="field">
                <label for="h-last-checked">{t(lang, "help-field-last-checked")}</label>
                <input id="h-last-checked" name="last_checked" type="date" value=input.last_checked.clone()
                    aria-invalid=bad(HelpError::LastChecked).then_some("true") />
            </div>
            <div class="field">
                <label for="h-sources">{t(lang, "help-field-sources")}</label>
                <textarea id="h-sources" name="sources" rows="3" aria-describedby="h-sources-hint"
                    aria-invalid=bad(HelpError::Sources).then_some("true")>{format::textarea_text(&input.sources)}</textarea>
                <p class="hint" id="h-sources-hint">{t(lang, "help-field-sources-hint")}</p>
            </div>
            <p class="option"><input type="checkbox" id="h-active" name="active" value="oui" checked=input.active />
                <label for="h-active">{t(lang, "help-field-active")}</label></p>
            <button type="submit">{t(lang, submit)}</button>
        </form>
    }
}
