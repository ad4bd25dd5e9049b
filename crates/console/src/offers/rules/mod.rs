//! A tenant's offer rules: the list in the order they are tried, each with its switch, what
//! it offers and when; one rule's form open at a time; Save sends the whole list. Beside it:
//! export and import as TOML, and "Try it" against the saved rules.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    offers::{Cap, Catalogue, ItemKind, Rule, RuleSet, catalogue::key},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    api::rules_toml_url, errors::within, help::RuleHelp, import::ImportToml, preview::TryIt,
    rule_row::RuleRow,
};
use crate::{api::Api, focus, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RulesProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

/// The rules as saved and as being changed; `serial` renews the open form after a load.
#[derive(Debug, Clone, Default, PartialEq)]
struct Rules {
    saved: Vec<Rule>,
    list: Vec<Rule>,
    serial: u32,
}

impl Rules {
    fn loaded(&self, rules: Vec<Rule>) -> Self {
        Self {
            saved: rules.clone(),
            list: rules,
            serial: self.serial + 1,
        }
    }
}

/// One change to the list of rules.
type EditList = Box<dyn Fn(&mut Vec<Rule>)>;

/// A fresh rule offering the first thing the catalogue sells.
fn new_rule(list: &[Rule], catalogue: &Catalogue) -> Rule {
    let n = (1..)
        .find(|n| !list.iter().any(|r| r.id == format!("rule-{n}")))
        .unwrap_or(1);
    let offer = ItemKind::ALL
        .iter()
        .find_map(|k| catalogue.items(*k).first().map(|i| key(*k, &i.id)))
        .unwrap_or_default();
    Rule {
        id: format!("rule-{n}"),
        name: String::new(),
        enabled: true,
        priority: 0,
        when: Vec::new(),
        offer,
        headline: String::new(),
        body: String::new(),
        texts: Default::default(),
        cta_url: String::new(),
        snooze_days: 14,
        cap: Cap::default(),
        variants: Vec::new(),
    }
}

/// The rule a field error belongs to: `rule[2].when[0]` → 2.
fn rule_of(field: &str) -> Option<usize> {
    field.strip_prefix("rule[")?.split_once(']')?.0.parse().ok()
}

#[component]
pub fn RulesEditor(props: &RulesProps) -> Html {
    let catalogue = use_state(|| None::<Result<Rc<Catalogue>, String>>);
    let rules = use_state(Rules::default);
    let open = use_state(|| None::<usize>);
    let errors = use_state(Vec::<FieldError>::new);
    let outcome = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    {
        let (api, catalogue, rules, on_signed_out) = (
            props.api.clone(),
            catalogue.clone(),
            rules.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            spawn_local(async move {
                let both = match api.offer_catalogue(&tenant).await {
                    Ok(c) => api.offer_rules(&tenant).await.map(|r| (c, r)),
                    Err(e) => Err(e),
                };
                match both {
                    Ok((c, r)) => {
                        rules.set(rules.loaded(r.rules));
                        catalogue.set(Some(Ok(Rc::new(c))));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => catalogue.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let cat = match &*catalogue {
        None => return html! { <p class="c-muted">{ "Loading the rules…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(c)) => c.clone(),
    };
    // Any change to the list: indexes move, so the server's old messages no longer fit.
    let update = {
        let (rules, errors, outcome) = (rules.clone(), errors.clone(), outcome.clone());
        move |f: EditList, keeps_places: bool| {
            let mut next = (*rules).clone();
            f(&mut next.list);
            if !keeps_places {
                errors.set(Vec::new());
            }
            outcome.set(None);
            rules.set(next);
        }
    };
    let on_save = {
        let (api, tenant, rules, open, errors, outcome, busy, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            rules.clone(),
            open.clone(),
            errors.clone(),
            outcome.clone(),
            busy.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let body = RuleSet {
                rules: rules.list.clone(),
            };
            let (api, tenant, rules, open, errors, outcome, busy, on_signed_out) = (
                api.clone(),
                tenant.clone(),
                rules.clone(),
                open.clone(),
                errors.clone(),
                outcome.clone(),
                busy.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            outcome.set(None);
            spawn_local(async move {
                let saved = api.save_offer_rules(&tenant, &body).await;
                busy.set(false);
                match saved {
                    Ok(r) => {
                        let n = r.rules.len();
                        rules.set(rules.loaded(r.rules));
                        errors.set(Vec::new());
                        outcome.set(Some((true, format!("{n} rules saved. Customers get offers by them from their next dashboard view."))));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        let fields = form::field_errors(&e);
                        let first = fields.iter().filter_map(|f| rule_of(&f.field)).min();
                        let text = match first {
                            Some(i) if fields.iter().all(|f| rule_of(&f.field).is_some()) => {
                                // Open the first rule in trouble, so its messages are at its fields.
                                open.set(Some(i));
                                let name = body
                                    .rules
                                    .get(i)
                                    .map(|r| r.name.as_str())
                                    .unwrap_or_default();
                                format!(
                                    "Nothing was saved: rule {} “{name}” has problems, marked below.",
                                    i + 1
                                )
                            }
                            _ => e.message(),
                        };
                        errors.set(fields);
                        outcome.set(Some((false, text)));
                    }
                }
            });
        })
    };
    let on_add = {
        let (update, open, cat) = (update.clone(), open.clone(), cat.clone());
        let n = rules.list.len();
        Callback::from(move |_: MouseEvent| {
            let cat = cat.clone();
            update(Box::new(move |l| l.push(new_rule(l, &cat))), true);
            open.set(Some(n));
            focus::later(format!("c-r-{n}-id"));
        })
    };
    let on_imported = {
        let (rules, open, errors, outcome) =
            (rules.clone(), open.clone(), errors.clone(), outcome.clone());
        Callback::from(move |r: RuleSet| {
            let n = r.rules.len();
            rules.set(rules.loaded(r.rules));
            open.set(None);
            errors.set(Vec::new());
            outcome.set(Some((true, format!("Imported and saved {n} rules."))));
        })
    };
    let count = rules.list.len();
    let row = |i: usize, rule: &Rule| {
        let is_open = *open == Some(i);
        let on_toggle = {
            let open = open.clone();
            Callback::from(move |()| {
                open.set(if is_open { None } else { Some(i) });
                // Into the form when it opens, back to its button when it closes.
                focus::later(if is_open {
                    format!("c-r-{i}-edit")
                } else {
                    format!("c-r-{i}-id")
                });
            })
        };
        let on_move = {
            let (update, open, opened) = (update.clone(), open.clone(), *open);
            Callback::from(move |to: usize| {
                update(Box::new(move |l| l.swap(i, to)), false);
                // The open form follows its rule.
                open.set(opened.map(|o| {
                    if o == i {
                        to
                    } else if o == to {
                        i
                    } else {
                        o
                    }
                }));
                focus::later(format!("c-r-{to}-{}", if to < i { "up" } else { "down" }));
            })
        };
        let on_change = {
            let update = update.clone();
            Callback::from(move |r: Rule| update(Box::new(move |l| l[i] = r.clone()), true))
        };
        let on_delete = {
            let (update, open) = (update.clone(), open.clone());
            Callback::from(move |()| {
                update(
                    Box::new(move |l| {
                        l.remove(i);
                    }),
                    false,
                );
                open.set(None);
                focus::later("c-r-add");
            })
        };
        html! {
            <RuleRow key={i} index={i} {count} rule={Rc::new(rule.clone())} catalogue={cat.clone()}
                errors={within(&errors, &format!("rule[{i}]"))} open={is_open} serial={rules.serial}
                {on_change} {on_toggle} {on_move} {on_delete} />
        }
    };
    let unsaved = rules.list != rules.saved;
    html! {
        <div class="c-rules">
            <p class="c-hint">{ "Rules are tried from the highest priority down, and in list order where priorities are equal; a customer sees the first offer whose conditions all hold." }</p>
            if rules.list.is_empty() {
                <p class="c-muted">{ "No rules yet: customers see no offers." }</p>
            } else {
                <ol class="c-list c-rule-list" aria-label="Rules">
                    { for rules.list.iter().enumerate().map(|(i, r)| row(i, r)) }
                </ol>
            }
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <div class="c-actions">
                <button type="button" id="c-r-add" class="c-button c-ghost" onclick={on_add}>{ "Add a rule" }</button>
                <button type="button" id="c-r-save" class="c-button" disabled={*busy} onclick={on_save}>{ "Save rules" }</button>
                if unsaved {
                    <span class="c-hint c-unsaved">{ "Unsaved changes" }</span>
                }
            </div>
            <RuleHelp />
            <div class="c-two c-rules-tools">
                <section class="c-card c-section" aria-labelledby="c-r-files-title">
                    <h3 id="c-r-files-title">{ "Rules as a file" }</h3>
                    <p><a class="c-button c-ghost" href={rules_toml_url(&props.tenant)} download="offer-rules.toml">{ "Export TOML" }</a></p>
                    <p class="c-hint">{ "Downloads the saved rules." }</p>
                    <ImportToml api={props.api.clone()} tenant={props.tenant.clone()} {count} {on_imported} on_signed_out={props.on_signed_out.clone()} />
                </section>
                <section class="c-card c-section">
                    <TryIt api={props.api.clone()} tenant={props.tenant.clone()} catalogue={cat.clone()} {unsaved} on_signed_out={props.on_signed_out.clone()} />
                </section>
            </div>
        </div>
    }
}
