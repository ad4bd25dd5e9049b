//! A provider's catalogue: its plans with their limits, add-ons, support tiers, and the
//! origins offer links may lead to. Saved whole; the server's messages appear at the input
//! they name (`plans[1].price.cents` under the second plan's price).

use std::rc::Rc;

use panelcare_model::offers::{Catalogue, ItemKind};
use yew::prelude::*;

use super::{
    catalogue_draft::Draft,
    errors::{all_shown, lines},
    item_draft::ItemDraft,
    kind_section::KindSection,
};
use crate::{
    form::{self, described_by, field},
    loaded::use_loaded,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CatalogueProps {
    pub tenant: AttrValue,
}

const SHOWN: [&str; 4] = ["plans", "addons", "support", "link_origins"];
const REFUSED: &str = "Nothing was saved: fix the fields marked below.";

#[component]
pub fn CatalogueEditor(props: &CatalogueProps) -> Html {
    let editor = use_loaded(props.tenant.clone(), Draft::of, |api, tenant| async move {
        api.offer_catalogue(&tenant).await
    });
    if let Err(shown) = editor.ready("Loading the catalogue…") {
        return shown;
    }
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Amounts are read here, so a typo is marked at its input before anything is sent.
            let body = match editor.draft.catalogue() {
                Ok(c) => c,
                Err(local) => return editor.refuse(local),
            };
            let tenant = tenant.clone();
            editor.save_saying(
                move |api, _| async move { api.save_offer_catalogue(&tenant, &body).await },
                |_: &Catalogue| {
                    "Catalogue saved. Offers use it from the next dashboard view.".into()
                },
                |e, fields| {
                    if all_shown(fields, &SHOWN) {
                        REFUSED.into()
                    } else {
                        e.message()
                    }
                },
            );
        })
    };
    let errors = Rc::new((*editor.errors).clone());
    let currency = AttrValue::from(editor.draft.currency());
    let kind_section = |kind: ItemKind| {
        let set: fn(&mut Draft, Vec<ItemDraft>) = match kind {
            ItemKind::Plan => |d, rows| d.plans = rows,
            ItemKind::Addon => |d, rows| d.addons = rows,
            ItemKind::Support => |d, rows| d.support = rows,
        };
        let on_change = editor.edit(set);
        html! {
            <KindSection {kind} rows={Rc::new(editor.draft.list_of(kind).to_vec())} errors={errors.clone()}
                currency={currency.clone()} {on_change} />
        }
    };
    let on_origins = editor
        .edit(|d: &mut Draft, v: String| d.origins = v)
        .reform(|e: InputEvent| form::textarea_value(&e));
    let origins_error = lines(&editor.errors, "link_origins", &editor.draft.origins);
    html! {
        <form class="c-form c-settings c-catalogue" novalidate=true {onsubmit} aria-label="Catalogue">
            <p class="c-hint">{ "What your customers can be offered. Resellers see this catalogue and may hide, rename or reprice its items for their own customers." }</p>
            { kind_section(ItemKind::Plan) }
            { kind_section(ItemKind::Addon) }
            { kind_section(ItemKind::Support) }
            { field("c-o-origins", "Link origins", html! {
                <textarea id="c-o-origins" class="c-code" rows="3" value={editor.draft.origins.clone()} oninput={on_origins}
                    aria-invalid={origins_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-o-origins", true, origins_error.is_some())} />
            }, Some("One per line, like https://billing.example.com: where offer links may lead besides your panels' own addresses."), origins_error.as_deref()) }
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save catalogue" }</button>
        </form>
    }
}
