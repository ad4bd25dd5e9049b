//! A tenant's offer rules: the list in the order they are tried, each with its switch, what
//! it offers and when; one rule's form open at a time, at its own address
//! (`/console/offers/{tenant}/rules/{id}`); Save sends the whole list. Beside it: export and
//! import as TOML, and "Try it" against the saved rules.

mod form;
mod offer;
mod row;
mod state;
mod wording;

use std::rc::Rc;

use panelcare_model::offers::{Catalogue, Rule, RuleSet};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{
    api::rules_toml_url, errors::within, help::RuleHelp, import::ImportToml, preview::TryIt,
};
use crate::{console::use_console, focus, form as forms, route::Route};
use row::RuleRow;
use state::{Action, RulesState, new_rule, rule_of};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RulesProps {
    pub tenant: AttrValue,
    /// The rule the address names: its form is open.
    #[prop_or_default]
    pub open: Option<AttrValue>,
}

type Rules = UseReducerHandle<RulesState>;

/// Where the editor's forms are: the rules' tenant in every rule's address.
#[derive(Clone)]
struct Addresses {
    navigator: Option<Navigator>,
    tenant: AttrValue,
}

impl Addresses {
    fn of(&self, id: &str) -> Route {
        Route::OfferRule {
            tenant: self.tenant.to_string(),
            id: id.to_owned(),
        }
    }

    /// Shows `rule`'s form at its address, or the list's when `None`. A rule without an id
    /// has no address: its form opens where the list is.
    fn show(&self, rule: Option<&Rule>) {
        let Some(n) = &self.navigator else { return };
        match rule {
            Some(r) if !r.id.is_empty() => n.push(&self.of(&r.id)),
            Some(_) => {}
            None => n.push(&Route::Offers),
        }
    }

    /// The open rule's id changed: its address with it, replaced, so back does not return
    /// to the old one.
    fn renamed(&self, id: &str) {
        if let Some(n) = &self.navigator {
            n.replace(&self.of(id));
        }
    }
}

/// One rule's row, with what its buttons do to the list, the open form and the address.
fn row(i: usize, rules: &Rules, cat: &Rc<Catalogue>, at: &Addresses) -> Html {
    let rule = rules.list[i].clone();
    let is_open = rules.open == Some(i);
    let on_toggle = {
        let (rules, at, rule) = (rules.clone(), at.clone(), rule.clone());
        Callback::from(move |()| {
            rules.dispatch(Action::Open((!is_open).then_some(i)));
            at.show((!is_open).then_some(&rule));
            // Into the form when it opens, back to its button when it closes.
            focus::later(format!("c-r-{i}-{}", if is_open { "edit" } else { "id" }));
        })
    };
    let on_move = {
        let rules = rules.clone();
        Callback::from(move |to: usize| {
            rules.dispatch(Action::Move(i, to));
            focus::later(format!("c-r-{to}-{}", if to < i { "up" } else { "down" }));
        })
    };
    let on_change = {
        let (rules, at, before) = (rules.clone(), at.clone(), rule.id.clone());
        Callback::from(move |r: Rule| {
            // A new id is a new address.
            if is_open && r.id != before && !r.id.is_empty() {
                at.renamed(&r.id);
            }
            rules.dispatch(Action::Change(i, r));
        })
    };
    let on_delete = {
        let (rules, at) = (rules.clone(), at.clone());
        Callback::from(move |()| {
            if rules.open.is_some() {
                at.show(None);
            }
            rules.dispatch(Action::Delete(i));
            focus::later("c-r-add");
        })
    };
    html! {
        <RuleRow key={i} index={i} count={rules.list.len()} rule={Rc::new(rule)} catalogue={cat.clone()}
            errors={within(&rules.errors, &format!("rule[{i}]"))} open={is_open} serial={rules.serial}
            {on_change} {on_toggle} {on_move} {on_delete} />
    }
}

#[component]
pub fn RulesEditor(props: &RulesProps) -> Html {
    let console = use_console();
    let at = Addresses {
        navigator: use_navigator(),
        tenant: props.tenant.clone(),
    };
    let catalogue = use_state(|| None::<Result<Rc<Catalogue>, String>>);
    let rules = use_reducer(RulesState::default);
    {
        let (console, catalogue, rules) = (console.clone(), catalogue.clone(), rules.clone());
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            spawn_local(async move {
                let api = &console.api;
                let both = match api.offer_catalogue(&tenant).await {
                    Ok(c) => api.offer_rules(&tenant).await.map(|r| (c, r)),
                    Err(e) => Err(e),
                };
                let failed = catalogue.clone();
                if let Some((c, r)) = console.settle(both, |e| failed.set(Some(Err(e.message())))) {
                    rules.dispatch(Action::Loaded(r.rules, None));
                    catalogue.set(Some(Ok(Rc::new(c))));
                }
            });
        });
    }
    {
        let rules = rules.clone();
        use_effect_with(props.open.clone(), move |open| {
            rules.dispatch(Action::Route(open.as_ref().map(|id| id.to_string())));
        });
    }
    let cat = match &*catalogue {
        None => return html! { <p class="c-muted">{ "Loading the rules…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(c)) => c.clone(),
    };
    let on_save = {
        let (console, rules, at) = (console.clone(), rules.clone(), at.clone());
        Callback::from(move |_: MouseEvent| {
            let body = RuleSet {
                rules: rules.list.clone(),
            };
            let (console, rules, at) = (console.clone(), rules.clone(), at.clone());
            rules.dispatch(Action::Saving);
            spawn_local(async move {
                let saved = console.api.save_offer_rules(&at.tenant, &body).await;
                let refused = |e: crate::api::ApiError| {
                    let fields = forms::field_errors(&e);
                    let first = fields.iter().filter_map(|f| rule_of(&f.field)).min();
                    match first {
                        Some(i) if fields.iter().all(|f| rule_of(&f.field).is_some()) => {
                            // Open the first rule in trouble, so its messages are at its fields.
                            let rule = body.rules.get(i);
                            at.show(rule);
                            let name = rule.map(|r| r.name.as_str()).unwrap_or_default();
                            let text = format!(
                                "Nothing was saved: rule {} “{name}” has problems, marked below.",
                                i + 1
                            );
                            rules.dispatch(Action::Refused(fields, text, Some(i)));
                        }
                        _ => rules.dispatch(Action::Refused(fields, e.message(), None)),
                    }
                };
                if let Some(r) = console.settle(saved, refused) {
                    let n = r.rules.len();
                    rules.dispatch(Action::Loaded(r.rules, Some(format!("{n} rules saved. Customers get offers by them from their next dashboard view."))));
                }
            });
        })
    };
    let on_add = {
        let (rules, cat, at) = (rules.clone(), cat.clone(), at.clone());
        Callback::from(move |_: MouseEvent| {
            let rule = new_rule(&rules.list, &cat);
            focus::later(format!("c-r-{}-id", rules.list.len()));
            at.show(Some(&rule));
            rules.dispatch(Action::Add(rule));
        })
    };
    let on_imported = {
        let (rules, at) = (rules.clone(), at.clone());
        Callback::from(move |r: RuleSet| {
            // The whole list is new: no form of the old one stays open.
            if rules.open.is_some() {
                at.show(None);
            }
            rules.dispatch(Action::Open(None));
            let n = r.rules.len();
            rules.dispatch(Action::Loaded(
                r.rules,
                Some(format!("Imported and saved {n} rules.")),
            ));
        })
    };
    let count = rules.list.len();
    let unsaved = rules.unsaved();
    html! {
        <div class="c-rules">
            <p class="c-hint">{ "Rules are tried from the highest priority down, and in list order where priorities are equal; a customer sees the first offer whose conditions all hold." }</p>
            if let Some(id) = rules.missing() {
                <p class="c-error" role="alert">{ format!("This tenant has no rule “{id}”: it may have been renamed or deleted.") }</p>
            }
            if rules.list.is_empty() {
                <p class="c-muted">{ "No rules yet: customers see no offers." }</p>
            } else {
                <ol class="c-list c-rule-list" aria-label="Rules">
                    { for (0..count).map(|i| row(i, &rules, &cat, &at)) }
                </ol>
            }
            if let Some((ok, text)) = &rules.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <div class="c-actions">
                <button type="button" id="c-r-add" class="c-button c-ghost" onclick={on_add}>{ "Add a rule" }</button>
                <button type="button" id="c-r-save" class="c-button" disabled={rules.busy} onclick={on_save}>{ "Save rules" }</button>
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
                    <ImportToml tenant={props.tenant.clone()} {count} {on_imported} />
                </section>
                <section class="c-card c-section">
                    <TryIt tenant={props.tenant.clone()} catalogue={cat.clone()} {unsaved} />
                </section>
            </div>
        </div>
    }
}
