//! A reseller's view of its provider's catalogue: each item can be hidden from the
//! reseller's customers, renamed and repriced; the reseller's own offer links may lead to
//! its own origins.

use panelcare_model::{
    FieldError,
    offers::{ItemKind, ResellerCatalogue, catalogue::key},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    errors::{all_shown, at, lines, within},
    item::kind_name,
    override_draft::{Change, Draft},
    units,
};
use crate::{
    api::Api,
    form::{self, described_by, error_line, field},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OverridesProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

const REFUSED: &str = "Nothing was saved: fix the fields marked below.";

#[component]
pub fn OverridesEditor(props: &OverridesProps) -> Html {
    let loaded = use_state(|| None::<Result<ResellerCatalogue, String>>);
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
                match api.offer_overrides(&tenant).await {
                    Ok(r) => {
                        draft.set(Draft::of(&r));
                        loaded.set(Some(Ok(r)));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => loaded.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let reseller = match &*loaded {
        None => return html! { <p class="c-muted">{ "Loading your provider's catalogue…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(r)) => r.clone(),
    };
    let provider = reseller.provider.clone();
    let onsubmit = {
        let (api, tenant, draft, loaded, errors, outcome, busy, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            draft.clone(),
            loaded.clone(),
            errors.clone(),
            outcome.clone(),
            busy.clone(),
            props.on_signed_out.clone(),
        );
        let provider = provider.clone();
        let rows: Vec<String> = ItemKind::ALL
            .iter()
            .flat_map(|k| {
                provider
                    .items(*k)
                    .iter()
                    .map(|i| format!("items.{}", key(*k, &i.id)))
            })
            .collect();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match draft.body(&provider) {
                Ok(b) => b,
                Err(local) => {
                    errors.set(local);
                    outcome.set(Some((false, REFUSED.into())));
                    return;
                }
            };
            let (api, tenant, draft, loaded, errors, outcome, busy, on_signed_out, rows) = (
                api.clone(),
                tenant.clone(),
                draft.clone(),
                loaded.clone(),
                errors.clone(),
                outcome.clone(),
                busy.clone(),
                on_signed_out.clone(),
                rows.clone(),
            );
            busy.set(true);
            outcome.set(None);
            spawn_local(async move {
                let saved = api.save_offer_overrides(&tenant, &body).await;
                busy.set(false);
                match saved {
                    Ok(r) => {
                        draft.set(Draft::of(&r));
                        loaded.set(Some(Ok(r)));
                        errors.set(Vec::new());
                        outcome.set(Some((true, "Saved. Your customers see your names and prices from their next dashboard view.".into())));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        let fields = form::field_errors(&e);
                        // An item the provider has since removed has no row to show its message.
                        let mut shown: Vec<&str> = rows.iter().map(String::as_str).collect();
                        shown.push("link_origins");
                        let text = if all_shown(&fields, &shown) {
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
    let row = |kind: ItemKind, item: &panelcare_model::offers::Item| {
        let k = key(kind, &item.id);
        let stem = format!("c-ov-{}-{}", kind.as_str(), item.id);
        let c = draft.changes.get(&k).cloned().unwrap_or_default();
        let mine = within(&errors, &format!("items.{k}"));
        let change = |set: fn(&mut Change, String)| {
            let (draft, k) = (draft.clone(), k.clone());
            Callback::from(move |value: String| {
                let mut d = (*draft).clone();
                set(d.changes.entry(k.clone()).or_default(), value);
                draft.set(d);
            })
        };
        let on_hide = {
            let (draft, k) = (draft.clone(), k.clone());
            Callback::from(move |e: Event| {
                let mut d = (*draft).clone();
                d.changes.entry(k.clone()).or_default().hidden = form::checked(&e);
                draft.set(d);
            })
        };
        let input = |f: &str,
                     label: String,
                     value: String,
                     placeholder: String,
                     name: &str,
                     set: fn(&mut Change, String)| {
            let id = format!("{stem}-{f}");
            let error = at(&mine, name);
            html! {
                <td class={error.map(|_| "c-invalid")}>
                    <input id={id.clone()} type="text" {value} {placeholder} aria-label={label}
                        oninput={change(set).reform(|e: InputEvent| form::input_value(&e))}
                        aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&id, false, error.is_some())} />
                    { error_line(&id, error) }
                </td>
            }
        };
        let whole = at(&mine, "");
        let provider_price =
            units::price_text(item.price.cents, &item.price.currency, item.price.period);
        html! {
            <tr key={k.clone()} class={c.hidden.then_some("c-hidden-item")}>
                <th scope="row">
                    { &item.name }
                    <span class="c-hint">{ format!(" {} · {} · {provider_price}", kind_name(kind), item.id) }</span>
                    { error_line(&format!("{stem}-item"), whole) }
                </th>
                <td>
                    <label class="c-check" for={format!("{stem}-hidden")}>
                        <input id={format!("{stem}-hidden")} type="checkbox" checked={c.hidden} onchange={on_hide}
                            aria-label={format!("Hide {} from your customers", item.name)} />
                        { " Hide" }
                    </label>
                </td>
                { input("name", format!("Your name for {}", item.name), c.name.clone(), item.name.clone(), "name", |c, v| c.name = v) }
                { input("price", format!("Your price for {}", item.name), c.price.clone(), units::cents_input(item.price.cents), "price.cents", |c, v| c.price = v) }
                { input("currency", format!("Currency of your price for {}", item.name), c.currency.clone(), item.price.currency.clone(), "price.currency", |c, v| c.currency = v) }
            </tr>
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
                <textarea id="c-ov-origins" class="c-code" rows="3" value={draft.origins.clone()} oninput={on_origins}
                    aria-invalid={origins_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-ov-origins", true, origins_error.is_some())} />
            }, Some("One per line, like https://billing.bluefox.example: where your offer links may lead besides your panels' addresses."), origins_error.as_deref()) }
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*busy}>{ "Save your catalogue" }</button>
        </form>
    }
}
