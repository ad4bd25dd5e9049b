//! A provider's catalogue: its plans with their limits, add-ons, support tiers, and the
//! origins offer links may lead to. Saved whole; the server's messages appear at the input
//! they name (`plans[1].price.cents` under the second plan's price).

use panelcare_model::{
    FieldError,
    offers::{Catalogue, ItemKind},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    errors::{all_shown, lines, split_lines, within},
    item::ItemEditor,
    item_draft::ItemDraft,
};
use crate::{
    api::Api,
    focus,
    form::{self, described_by, field},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CatalogueProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

/// The catalogue as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    plans: Vec<ItemDraft>,
    addons: Vec<ItemDraft>,
    support: Vec<ItemDraft>,
    origins: String,
}

/// How the server names a kind's list, and how the form words it.
fn list(kind: ItemKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ItemKind::Plan => ("plans", "Plans", "Add a plan"),
        ItemKind::Addon => ("addons", "Add-ons", "Add an add-on"),
        ItemKind::Support => ("support", "Support tiers", "Add a support tier"),
    }
}

impl Draft {
    fn of(c: &Catalogue) -> Self {
        let rows =
            |items: &[panelcare_model::offers::Item]| items.iter().map(ItemDraft::of).collect();
        Self {
            plans: rows(&c.plans),
            addons: rows(&c.addons),
            support: rows(&c.support),
            origins: c.link_origins.join("\n"),
        }
    }

    fn list_of(&self, kind: ItemKind) -> &[ItemDraft] {
        match kind {
            ItemKind::Plan => &self.plans,
            ItemKind::Addon => &self.addons,
            ItemKind::Support => &self.support,
        }
    }

    fn rows(&mut self, kind: ItemKind) -> &mut Vec<ItemDraft> {
        match kind {
            ItemKind::Plan => &mut self.plans,
            ItemKind::Addon => &mut self.addons,
            ItemKind::Support => &mut self.support,
        }
    }

    /// The catalogue to send, or every field that cannot be read, named as the server would.
    fn catalogue(&self) -> Result<Catalogue, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut c = Catalogue {
            link_origins: split_lines(&self.origins),
            ..Catalogue::default()
        };
        for (kind, rows) in [
            (ItemKind::Plan, &self.plans),
            (ItemKind::Addon, &self.addons),
            (ItemKind::Support, &self.support),
        ] {
            let (name, _, _) = list(kind);
            for (n, row) in rows.iter().enumerate() {
                match row.item(kind) {
                    Ok(item) => match kind {
                        ItemKind::Plan => c.plans.push(item),
                        ItemKind::Addon => c.addons.push(item),
                        ItemKind::Support => c.support.push(item),
                    },
                    Err(found) => errors.extend(found.into_iter().map(|mut e| {
                        e.field = format!("{name}[{n}].{}", e.field);
                        e
                    })),
                }
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// The currency new rows start with: the one already in use.
    fn currency(&self) -> String {
        self.plans
            .iter()
            .chain(&self.addons)
            .chain(&self.support)
            .map(|d| d.currency.trim())
            .find(|c| !c.is_empty())
            .unwrap_or("EUR")
            .to_owned()
    }
}

const SHOWN: [&str; 4] = ["plans", "addons", "support", "link_origins"];
const REFUSED: &str = "Nothing was saved: fix the fields marked below.";

#[component]
pub fn CatalogueEditor(props: &CatalogueProps) -> Html {
    let loaded = use_state(|| None::<Result<(), String>>);
    let draft = use_state(Draft::default);
    let errors = use_state(Vec::<FieldError>::new);
    let outcome = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    {
        let (api, loaded, draft, on_signed_out) = (
            props.api.clone(),
            loaded.clone(),
            draft.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            spawn_local(async move {
                match api.offer_catalogue(&tenant).await {
                    Ok(c) => {
                        draft.set(Draft::of(&c));
                        loaded.set(Some(Ok(())));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => loaded.set(Some(Err(e.message()))),
                }
            });
        });
    }
    match &*loaded {
        None => return html! { <p class="c-muted">{ "Loading the catalogue…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(())) => {}
    }
    let onsubmit = {
        let (api, tenant, draft, errors, outcome, busy, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            draft.clone(),
            errors.clone(),
            outcome.clone(),
            busy.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match draft.catalogue() {
                Ok(c) => c,
                Err(local) => {
                    errors.set(local);
                    outcome.set(Some((false, REFUSED.into())));
                    return;
                }
            };
            let (api, tenant, draft, errors, outcome, busy, on_signed_out) = (
                api.clone(),
                tenant.clone(),
                draft.clone(),
                errors.clone(),
                outcome.clone(),
                busy.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            outcome.set(None);
            spawn_local(async move {
                let saved = api.save_offer_catalogue(&tenant, &body).await;
                busy.set(false);
                match saved {
                    Ok(c) => {
                        draft.set(Draft::of(&c));
                        errors.set(Vec::new());
                        outcome.set(Some((
                            true,
                            "Catalogue saved. Offers use it from the next dashboard view.".into(),
                        )));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        let fields = form::field_errors(&e);
                        let text = if all_shown(&fields, &SHOWN) {
                            REFUSED.into()
                        } else {
                            e.message()
                        };
                        errors.set(fields);
                        outcome.set(Some((false, text)));
                    }
                }
            });
        })
    };
    let kind_section = |kind: ItemKind| {
        let (name, title, add_label) = list(kind);
        let add_id = format!("c-o-add-{name}");
        let rows = draft.list_of(kind).to_vec();
        let on_add = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                let mut d = (*draft).clone();
                let currency = d.currency();
                let rows = d.rows(kind);
                rows.push(ItemDraft::new(&currency));
                focus::later(format!("c-o-{name}-{}-id", rows.len() - 1));
                draft.set(d);
            })
        };
        html! {
            <section class="c-offer-kind" aria-labelledby={format!("c-o-{name}-title")}>
                <h3 id={format!("c-o-{name}-title")}>{ title }</h3>
                if rows.is_empty() {
                    <p class="c-muted">{ "None yet." }</p>
                }
                { for rows.iter().enumerate().map(|(n, row)| {
                    let on_change = {
                        let draft = draft.clone();
                        Callback::from(move |next: ItemDraft| {
                            let mut d = (*draft).clone();
                            d.rows(kind)[n] = next;
                            draft.set(d);
                        })
                    };
                    let on_remove = {
                        let (draft, add_id) = (draft.clone(), add_id.clone());
                        Callback::from(move |()| {
                            let mut d = (*draft).clone();
                            d.rows(kind).remove(n);
                            draft.set(d);
                            focus::later(add_id.clone());
                        })
                    };
                    html! {
                        <ItemEditor key={n} {kind} stem={format!("c-o-{name}-{n}")} number={n + 1} draft={std::rc::Rc::new(row.clone())}
                            errors={within(&errors, &format!("{name}[{n}]"))} {on_change} {on_remove} />
                    }
                }) }
                <button type="button" id={add_id.clone()} class="c-button c-ghost c-small" onclick={on_add}>{ add_label }</button>
            </section>
        }
    };
    let on_origins = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            d.origins = form::textarea_value(&e);
            draft.set(d);
        })
    };
    let origins_error = lines(&errors, "link_origins", &draft.origins);
    html! {
        <form class="c-form c-settings c-catalogue" novalidate=true {onsubmit} aria-label="Catalogue">
            <p class="c-hint">{ "What your customers can be offered. Resellers see this catalogue and may hide, rename or reprice its items for their own customers." }</p>
            { kind_section(ItemKind::Plan) }
            { kind_section(ItemKind::Addon) }
            { kind_section(ItemKind::Support) }
            { field("c-o-origins", "Link origins", html! {
                <textarea id="c-o-origins" class="c-code" rows="3" value={draft.origins.clone()} oninput={on_origins}
                    aria-invalid={origins_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-o-origins", true, origins_error.is_some())} />
            }, Some("One per line, like https://billing.example.com: where offer links may lead besides your panels' own addresses."), origins_error.as_deref()) }
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*busy}>{ "Save catalogue" }</button>
        </form>
    }
}
