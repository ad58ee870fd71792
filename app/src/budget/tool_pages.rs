//! The pages of the monthly budget, debt ratio and savings goal tools.
//!
//! Without JavaScript the form is posted to the tool's own address and the server renders
//! the page with the result (amounts never travel in a URL). "Garder dans mon parcours"
//! is the only button that stores anything, and only in the anonymous progress. With
//! JavaScript the island computes the same result as the person types.
use super::tools::{evaluate, tool_values, Labels, Tool};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    islands::{
        flag, flatten_pairs, head, is_flag, island_data, pairs, use_island_data, IslandData,
    },
    pages::errors::set_status,
};
use leptos::{
    either::{Either, EitherOf3},
    prelude::*,
};
use leptos_meta::Title;

/// Values posted by a browser without JavaScript, provided as context by the server.
#[derive(Clone, Debug)]
pub struct PostedTool {
    pub tool: Tool,
    pub values: Vec<(String, String)>,
}

/// The values this browser kept for a tool, with when (Unix seconds).
#[server(endpoint = "tools/kept")]
pub async fn kept_values(tool: String) -> Result<Option<(Vec<(String, String)>, i64)>, AppError> {
    let Some(tool) = Tool::parse(&tool) else {
        return Err(AppError::NotFound);
    };
    let store = expect_context::<crate::db::Store>();
    // The page opened (not shown again after a posted form), for the partnership's
    // figures: what the island computes in the browser is never sent.
    if use_context::<PostedTool>().is_none() {
        store.count_later(
            crate::dashboard::model::metric::BUDGET_TOOL_OPENED,
            tool.code(),
            crate::state::unix_now(),
        );
    }
    let Some(session) = crate::progress::session::current_session() else {
        return Ok(None);
    };
    let Some(learner) = crate::progress::session::learner_id(&session).await else {
        return Ok(None);
    };
    Ok(store
        .kept_budget(&learner, tool.code())
        .await?
        .map(|(values, at)| (tool_values(tool, &values), at)))
}

/// Translates every text the tool's island needs (placeholders left for it to fill).
pub fn labels(tool: Tool, lang: Lang) -> Labels {
    Labels(
        tool.label_keys()
            .into_iter()
            .map(|(key, names)| {
                let args: Vec<(&'static str, FluentArg)> = names
                    .iter()
                    .map(|n| (*n, FluentArg::Text(format!("{{{n}}}"))))
                    .collect();
                (key.to_string(), t_args(lang, key, &args))
            })
            .collect(),
    )
}

#[component]
pub fn MonthlyToolPage() -> impl IntoView {
    view! { <ToolPage tool=Tool::Monthly /> }
}

#[component]
pub fn DebtToolPage() -> impl IntoView {
    view! { <ToolPage tool=Tool::Debt /> }
}

#[component]
pub fn SavingsToolPage() -> impl IntoView {
    view! { <ToolPage tool=Tool::Savings /> }
}

fn intro_key(tool: Tool) -> &'static str {
    match tool {
        Tool::Monthly => "tool-monthly-intro",
        Tool::Debt => "tool-debt-intro",
        Tool::Savings => "tool-savings-intro",
    }
}

#[component]
fn ToolPage(tool: Tool) -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedTool>().filter(|p| p.tool == tool);
    let title = t(lang, tool.name_key());
    view! {
        <Title text=title.clone() />
        <div class="page tool-page">
            <p class="back-link"><a href=paths::TOOLS>{t(lang, "tools-back")}</a></p>
            <h1>{title}</h1>
            <p class="lead">{t(lang, intro_key(tool))}</p>
            <p class="hint">{t(lang, "tools-private")}</p>
            <Suspense>
                {Suspend::new(async move {
                    let (values, submitted, kept_at) = match posted {
                        Some(p) => (tool_values(tool, &p.values), true, None),
                        None => match kept_values(tool.code().to_string()).await {
                            Ok(Some((values, at))) => (values, true, Some(at)),
                            _ => (tool_values(tool, &[]), false, None),
                        },
                    };
                    let labels = labels(tool, lang);
                    if submitted && !evaluate(tool, &values, &labels, lang).is_valid() {
                        set_status(422);
                    }
                    view! {
                        {kept_at.map(|at| view! {
                            <p class="notice">{t_args(lang, "tool-kept-notice", &[("date", FluentArg::Text(format::unix_date(at, lang)))])}
                                " " <a href=paths::PROGRESS>{t(lang, "nav-progress")}</a></p>
                        })}
                        {island_data(ToolFormData { tool, labels, lang, values, submitted })}
                        <ToolForm />
                        <p class="print-hint">{t(lang, "tools-print-hint")}</p>
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Fields under one legend (`None`: no fieldset), each with its index in the form.
type FieldGroup = (Option<&'static str>, Vec<(usize, super::tools::FieldSpec)>);

/// What [`ToolForm`] needs from its page (see [`crate::islands`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolFormData {
    pub tool: Tool,
    pub labels: Labels,
    pub lang: Lang,
    /// Each field's name and the text typed in it.
    pub values: Vec<(String, String)>,
    /// Whether values were posted or kept (show errors) rather than a blank form.
    pub submitted: bool,
}

impl Default for ToolFormData {
    fn default() -> Self {
        let tool = Tool::Monthly;
        ToolFormData {
            tool,
            labels: Labels::default(),
            lang: Lang::default(),
            values: tool_values(tool, &[]),
            submitted: false,
        }
    }
}

impl IslandData for ToolFormData {
    const ID: &'static str = "donnees-outil";

    fn to_texts(&self) -> Vec<String> {
        let mut texts = vec![
            self.tool.code().to_string(),
            self.lang.code().to_string(),
            flag(self.submitted),
            self.values.len().to_string(),
        ];
        texts.extend(flatten_pairs(&self.values));
        texts.extend(flatten_pairs(&self.labels.0));
        texts
    }

    fn from_texts(texts: Vec<String>) -> Self {
        let mut texts = texts.into_iter();
        let [tool, lang, submitted, count] = head(&mut texts);
        let Some(tool) = Tool::parse(&tool) else {
            return ToolFormData::default();
        };
        let count = count.parse::<usize>().unwrap_or(0);
        let values = pairs(texts.by_ref().take(2 * count));
        ToolFormData {
            tool,
            lang: Lang::parse(&lang).unwrap_or_default(),
            submitted: is_flag(&submitted),
            values,
            labels: Labels(pairs(texts)),
        }
    }
}

/// A tool's form and live result. Server-rendered with the posted (or kept) values,
/// then hydrated so that the result follows what the person types.
#[island]
pub fn ToolForm() -> impl IntoView {
    let ToolFormData {
        tool,
        labels,
        lang,
        values,
        submitted,
    } = use_island_data();
    let values = RwSignal::new(values);
    let touched = RwSignal::new(submitted);
    let labels = StoredValue::new(labels);
    let outcome = Memo::new(move |_| labels.with_value(|l| evaluate(tool, &values.get(), l, lang)));
    let fields = tool.fields();
    let label = move |key: &str| labels.with_value(|l| l.get(key));

    let mut groups: Vec<FieldGroup> = Vec::new();
    for (i, f) in fields.into_iter().enumerate() {
        match groups.last_mut() {
            Some((g, list)) if *g == f.group_key => list.push((i, f)),
            _ => groups.push((f.group_key, vec![(i, f)])),
        }
    }
    let field_view = move |index: usize, spec: super::tools::FieldSpec| {
        let id = format!("champ-{}", spec.name);
        let error_id = format!("{id}-erreur");
        let initial =
            values.with_untracked(|v| v.get(index).map(|(_, v)| v.clone()).unwrap_or_default());
        let error = move || {
            if !touched.get() {
                return None;
            }
            outcome.with(|o| {
                o.errors
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map(|(_, m)| m.clone())
            })
        };
        let invalid = move || error().is_some().then_some("true");
        let hint_key = match spec.name {
            "new_repayment" => Some("debt-new-hint"),
            "saved" => Some("savings-saved-hint"),
            _ => None,
        };
        let described = match hint_key {
            Some(_) => format!("{id}-aide {error_id}"),
            None => error_id.clone(),
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label(spec.label_key)}</label>
                {hint_key.map(|k| view! { <span class="hint" id=format!("{id}-aide")>{label(k)}</span> })}
                <span class="field-error" id=error_id>{error}</span>
                <input
                    id=id
                    name=spec.name
                    inputmode=if spec.count { "numeric" } else { "decimal" }
                    autocomplete="off"
                    aria-describedby=described
                    aria-invalid=invalid
                    value=initial
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        values.update(|v| {
                            if let Some(slot) = v.get_mut(index) {
                                slot.1 = typed;
                            }
                        });
                        touched.set(true);
                    }
                />
            </div>
        }
    };
    let form_fields = groups
        .into_iter()
        .map(|(group, list)| {
            let inputs = list
                .into_iter()
                .map(|(i, f)| field_view(i, f))
                .collect_view();
            match group {
                Some(g) => {
                    let hint = (g == "budget-cat-irregular")
                        .then(|| view! { <p class="hint">{label("budget-irregular-hint")}</p> });
                    Either::Left(view! {
                        <fieldset class="tool-group">
                            <legend>{label(g)}</legend>
                            {hint}
                            <div class="tool-group__fields">{inputs}</div>
                        </fieldset>
                    })
                }
                None => Either::Right(view! { <div class="tool-group__fields">{inputs}</div> }),
            }
        })
        .collect_view();

    let result = move || {
        if !touched.get() {
            return EitherOf3::A(view! { <p>{label("tool-empty")}</p> });
        }
        let evaluation = outcome.get();
        if !evaluation.is_valid() {
            return EitherOf3::B(view! {
                <p class="error-title">{label("tool-errors-title")}</p>
                <ul class="errors">
                    {evaluation.errors.into_iter().map(|(i, message)| {
                        let name = tool.fields().get(i).map(|f| label(f.label_key)).unwrap_or_default();
                        view! { <li><a href=format!("#champ-{}", tool.fields().get(i).map(|f| f.name).unwrap_or_default())>{name}</a> " : " {message}</li> }
                    }).collect_view()}
                </ul>
            });
        }
        EitherOf3::C(view! {
            <dl class="figures">
                {evaluation.figures.into_iter().map(|f| view! {
                    <div class=if f.main { "figure figure--main" } else { "figure" }><dt>{f.label}</dt><dd>{f.value}</dd></div>
                }).collect_view()}
            </dl>
            {evaluation.notes.into_iter().map(|n| view! {
                <p class="reading">
                    {(!n.text.is_empty()).then(|| n.text.clone())}
                    {n.link.map(|(href, text)| view! { " " <a href=href>{text}</a> })}
                </p>
            }).collect_view()}
        })
    };
    view! {
        <form class="tool-form" method="post" action=tool.href() novalidate>
            <p class="hint">{label("quick-amount-hint")}</p>
            {form_fields}
            <p class="tool-actions">
                <button type="submit" name="action" value="calculer"
                    on:click=move |ev| {
                        ev.prevent_default();
                        touched.set(true);
                    }>{label("tool-calculate")}</button>
            </p>
            <section class="result" id="resultat" aria-labelledby="resultat-titre">
                <h2 id="resultat-titre">{label("tool-result-title")}</h2>
                <div role="status" aria-live="polite" aria-atomic="true">{result}</div>
            </section>
            <p class="tool-actions">
                <button type="submit" name="action" value="garder" class="secondary">{label("tool-keep")}</button>
            </p>
            <p class="hint">{label("tool-keep-hint")}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_island_gets_each_tool_s_labels_and_values_as_the_page_wrote_them() {
        for tool in Tool::ALL {
            for lang in Lang::ALL {
                let mut values = tool_values(tool, &[]);
                if let Some(first) = values.first_mut() {
                    first.1 = "1 200,50".into();
                }
                let data = ToolFormData {
                    tool,
                    labels: labels(tool, lang),
                    lang,
                    values,
                    submitted: true,
                };
                assert!(!data.labels.0.is_empty());
                assert_eq!(ToolFormData::from_texts(data.to_texts()), data);
            }
        }
        assert_eq!(
            ToolFormData::from_texts(vec!["inconnu".into()]),
            ToolFormData::default()
        );
    }
}
