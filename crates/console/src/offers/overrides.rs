//! A reseller's view of its provider's catalogue: each item can be hidden from the
//! reseller's customers, renamed and repriced; the reseller's own offer links may lead to
//! its own origins.

use std::rc::Rc;

use panelcare_model::offers::{ItemKind, ResellerCatalogue, catalogue::key};
use yew::prelude::*;

use super::{
    errors::{all_shown, lines, within},
    override_draft::{Change, Draft},
    override_row::OverrideRow,
};
use crate::{
    form::{self, described_by, field},
    loaded::use_loaded,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OverridesProps {
    pub tenant: AttrValue,
}

const REFUSED: &str = "Nothing was saved: fix the fields marked below.";

#[component]
pub fn OverridesEditor(props: &OverridesProps) -> Html {
    let editor = use_loaded(props.tenant.clone(), Draft::of, |api, tenant| async move {
        api.offer_overrides(&tenant).await
    });
    let reseller = match editor.ready("Loading your provider's catalogue…") {
        Ok(r) => r,
        Err(shown) => return shown,
    };
    let provider = Rc::new(reseller.provider.clone());
    let onsubmit = {
        let (editor, tenant, provider) = (editor.clone(), props.tenant.clone(), provider.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match editor.draft.body(&provider) {
                Ok(b) => b,
                Err(local) => return editor.refuse(local),
            };
            // The fields the table has a place for; an item the provider has since removed
            // has no row, so its message is said above the button.
            let mut shown: Vec<String> = ItemKind::ALL
                .iter()
                .flat_map(|k| {
                    provider
                        .items(*k)
                        .iter()
                        .map(|i| format!("items.{}", key(*k, &i.id)))
                })
                .collect();
            shown.push("link_origins".into());
            let tenant = tenant.clone();
            editor.save_saying(
                move |api, _| async move { api.save_offer_overrides(&tenant, &body).await },
                |_: &ResellerCatalogue| "Saved. Your customers see your names and prices from their next dashboard view.".into(),
                move |e, fields| {
                    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
                    if all_shown(fields, &shown) {
                        REFUSED.into()
                    } else {
                        e.message()
                    }
                },
            );
        })
    };
    let row = |kind: ItemKind, item: &panelcare_model::offers::Item| {
        let k = key(kind, &item.id);
        let on_change = {
            let (draft, k) = (editor.draft.clone(), k.clone());
            Callback::from(move |c: Change| {
                let mut d = (*draft).clone();
                d.changes.insert(k.clone(), c);
                draft.set(d);
            })
        };
        html! {
            <OverrideRow key={k.clone()} {kind} item={Rc::new(item.clone())}
                change={editor.draft.changes.get(&k).cloned().unwrap_or_default()}
                errors={within(&editor.errors, &format!("items.{k}"))} {on_change} />
        }
    };
    let on_origins = editor
        .edit(|d: &mut Draft, v: String| d.origins = v)
        .reform(|e: InputEvent| form::textarea_value(&e));
    let origins_error = lines(&editor.errors, "link_origins", &editor.draft.origins);
    let empty = ItemKind::ALL.iter().all(|k| provider.items(*k).is_empty());
    html! {
        <form class="c-form c-settings" novalidate=true {onsubmit} aria-label="Your catalogue">
            <p class="c-hint">{ "Your provider's plans, add-ons and support tiers. Hide what you do not sell; a blank name or price keeps your provider's." }</p>
            if empty {
                <p class="c-muted">{ "Your provider offers nothing yet." }</p>
            } else {
                <table class="c-table c-overrides">
                    <thead><tr>
                        <th scope="col">{ "Item" }</th><th scope="col">{ "Hide" }</th><th scope="col">{ "Your name" }</th>
                        <th scope="col">{ "Your price" }</th><th scope="col">{ "Currency" }</th>
                    </tr></thead>
                    <tbody>
                        { for ItemKind::ALL.iter().flat_map(|k| provider.items(*k).iter().map(|i| row(*k, i)).collect::<Vec<_>>()) }
                    </tbody>
                </table>
            }
            { field("c-ov-origins", "Your link origins", html! {
                <textarea id="c-ov-origins" class="c-code" rows="3" value={editor.draft.origins.clone()} oninput={on_origins}
                    aria-invalid={origins_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-ov-origins", true, origins_error.is_some())} />
            }, Some("One per line, like https://billing.bluefox.example: where your offer links may lead besides your panels' addresses."), origins_error.as_deref()) }
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save your catalogue" }</button>
        </form>
    }
}
