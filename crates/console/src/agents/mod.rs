//! Team and keys: admins add and remove console accounts (and reset a member's second factor,
//! or require one of the tenant's accounts), and rotate the signing keys their panels sign
//! customer tokens with. Passwords and secrets appear once, right after creation.

use panelcare_model::console::{KeyInfo, NewAgent, Role, TeamMember};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::{
    api::Api,
    second_factor::{RequirementToggle, ResetButton},
    tenants::use_tenants,
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TeamProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
    /// Provider admins may create provider admins in their own tenant.
    pub provider: bool,
}

#[component]
pub fn TeamView(props: &TeamProps) -> Html {
    let (tenants, tenant) = use_tenants();
    let team = use_state(Vec::<TeamMember>::new);
    // The accounts with a second factor (ids).
    let enrolled = use_state(Vec::<String>::new);
    let keys = use_state(Vec::<KeyInfo>::new);
    let form = use_state(NewAgent::default);
    let kid = use_state(String::new);
    // What to show once: a new password or secret, or an error.
    let shown = use_state(|| None::<(bool, String)>);
    let reload = use_state(|| 0u32);
    // The tenant's allowed panel origins, one per line, as edited.
    let origins = use_state(String::new);
    {
        let (api, team, keys, origins, enrolled) = (
            props.api.clone(),
            team.clone(),
            keys.clone(),
            origins.clone(),
            enrolled.clone(),
        );
        use_effect_with(((*tenant).clone(), *reload), move |(t, _)| {
            let t = t.clone();
            spawn_local(async move {
                if let Ok(list) = api.team().await {
                    team.set(list);
                }
                if let Ok(list) = api.enrolled_accounts().await {
                    enrolled.set(list.into_iter().map(|e| e.agent_id).collect());
                }
                if !t.is_empty() {
                    if let Ok(list) = api.keys(&t).await {
                        keys.set(list);
                    }
                    if let Ok(list) = api.origins(&t).await {
                        origins.set(list.join("\n"));
                    }
                }
            });
        });
    }
    let bump = {
        let reload = reload.clone();
        move || reload.set(*reload + 1)
    };
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| {
            tenant.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let edit = |set: fn(&mut NewAgent, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            set(
                &mut f,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            form.set(f);
        })
    };
    let on_role = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            f.role = e.target_unchecked_into::<HtmlSelectElement>().value();
            form.set(f);
        })
    };
    let add_agent = {
        let (api, form, tenant, shown, bump) = (
            props.api.clone(),
            form.clone(),
            tenant.clone(),
            shown.clone(),
            bump.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = (*form).clone();
            body.tenant_id = (*tenant).clone();
            if body.role.is_empty() {
                body.role = "agent".into();
            }
            let (api, form, shown, bump) = (api.clone(), form.clone(), shown.clone(), bump.clone());
            spawn_local(async move {
                match api.add_agent(&body).await {
                    Ok(c) => {
                        shown.set(Some((
                            true,
                            format!(
                                "{} can sign in with the password {} — it is shown only now.",
                                c.agent.email, c.password
                            ),
                        )));
                        form.set(NewAgent::default());
                        bump();
                    }
                    Err(e) => shown.set(Some((false, e.message()))),
                }
            });
        })
    };
    let add_key = {
        let (api, kid, tenant, shown, bump) = (
            props.api.clone(),
            kid.clone(),
            tenant.clone(),
            shown.clone(),
            bump.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, k, t, kid, shown, bump) = (
                api.clone(),
                (*kid).clone(),
                (*tenant).clone(),
                kid.clone(),
                shown.clone(),
                bump.clone(),
            );
            spawn_local(async move {
                match api.add_key(&t, &k).await {
                    Ok(c) => {
                        shown.set(Some((true, format!("Key {}: secret {} — put it in the panel's settings now; it is shown only once.", c.kid, c.secret))));
                        kid.set(String::new());
                        bump();
                    }
                    Err(e) => shown.set(Some((false, e.message()))),
                }
            });
        })
    };
    let remove_agent = |id: String| {
        let (api, shown, bump) = (props.api.clone(), shown.clone(), bump.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, id, shown, bump) = (api.clone(), id.clone(), shown.clone(), bump.clone());
            spawn_local(async move {
                match api.remove_agent(&id).await {
                    Ok(()) => {
                        shown.set(Some((true, "Account removed; its sessions ended.".into())));
                        bump();
                    }
                    Err(e) => shown.set(Some((false, e.message()))),
                }
            });
        })
    };
    let remove_key = |k: String| {
        let (api, tenant, shown, bump) = (
            props.api.clone(),
            tenant.clone(),
            shown.clone(),
            bump.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (api, t, k, shown, bump) = (
                api.clone(),
                (*tenant).clone(),
                k.clone(),
                shown.clone(),
                bump.clone(),
            );
            spawn_local(async move {
                match api.remove_key(&t, &k).await {
                    Ok(()) => {
                        shown.set(Some((
                            true,
                            format!(
                                "Key {k} removed; tokens signed with it are refused from now on."
                            ),
                        )));
                        bump();
                    }
                    Err(e) => shown.set(Some((false, e.message()))),
                }
            });
        })
    };
    let save_origins = {
        let (api, origins, tenant, shown) = (
            props.api.clone(),
            origins.clone(),
            tenant.clone(),
            shown.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list: Vec<String> = origins
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            let (api, t, origins, shown) = (
                api.clone(),
                (*tenant).clone(),
                origins.clone(),
                shown.clone(),
            );
            spawn_local(async move {
                match api.save_origins(&t, list).await {
                    Ok(saved) => {
                        let message = if saved.is_empty() {
                            "Origins saved: the widget works on any panel.".to_owned()
                        } else {
                            format!(
                                "Origins saved: the widget answers only on {} panel origin(s).",
                                saved.len()
                            )
                        };
                        origins.set(saved.join("\n"));
                        shown.set(Some((true, message)));
                    }
                    Err(e) => shown.set(Some((false, e.message()))),
                }
            });
        })
    };
    let on_reset = {
        let (shown, bump) = (shown.clone(), bump.clone());
        Callback::from(move |outcome: (bool, String)| {
            shown.set(Some(outcome));
            bump();
        })
    };
    let is_reseller = tenants
        .iter()
        .any(|t| t.id == *tenant && t.parent_id.is_some());
    let admin_role = if is_reseller {
        Role::ResellerAdmin
    } else {
        Role::ProviderAdmin
    };
    let members: Vec<&TeamMember> = team.iter().filter(|m| m.tenant_id == *tenant).collect();
    html! {
        <section aria-labelledby="c-team-title">
            <h1 id="c-team-title" class="c-title">{ "Team and keys" }</h1>
            <div class="c-field c-narrow">
                <label for="c-t-tenant">{ "Tenant" }</label>
                <select id="c-t-tenant" onchange={on_tenant}>
                    { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                </select>
            </div>
            if let Some((ok, message)) = &*shown {
                <p class={if *ok { "c-ok c-once" } else { "c-error" }} role="status">{ message }</p>
            }
            <div class="c-two">
                <section class="c-card" aria-labelledby="c-people-title">
                    <h2 id="c-people-title">{ "Console accounts" }</h2>
                    <ul class="c-plain">
                        { for members.iter().map(|m| html! {
                            <li key={m.id.clone()}>
                                <span><strong>{ &m.name }</strong>{ format!(" · {} · {}", m.email, text::role(m.role)) }
                                    if enrolled.contains(&m.id) { { " · second factor on" } }</span>
                                if enrolled.contains(&m.id) {
                                    <ResetButton api={props.api.clone()} agent_id={m.id.clone()} email={m.email.clone()}
                                        on_outcome={on_reset.clone()} />
                                }
                                <button type="button" class="c-button c-ghost c-small" onclick={remove_agent(m.id.clone())}
                                    aria-label={format!("Remove {}", m.email)}>{ "Remove" }</button>
                            </li>
                        }) }
                    </ul>
                    <RequirementToggle api={props.api.clone()} tenant={AttrValue::from((*tenant).clone())}
                        on_signed_out={props.on_signed_out.clone()} />
                    <form class="c-form" onsubmit={add_agent}>
                        <h3>{ "Add an account" }</h3>
                        <label for="c-t-name">{ "Name" }</label>
                        <input id="c-t-name" type="text" value={form.name.clone()} oninput={edit(|f, v| f.name = v)} />
                        <label for="c-t-email">{ "E-mail" }</label>
                        <input id="c-t-email" type="email" value={form.email.clone()} oninput={edit(|f, v| f.email = v)} />
                        <label for="c-t-role">{ "Role" }</label>
                        <select id="c-t-role" onchange={on_role}>
                            <option value="agent" selected={form.role.is_empty() || form.role == "agent"}>{ "Agent" }</option>
                            if props.provider || is_reseller {
                                <option value={admin_role.as_str()} selected={form.role == admin_role.as_str()}>{ text::role(admin_role) }</option>
                            }
                        </select>
                        <button type="submit" class="c-button">{ "Add account" }</button>
                    </form>
                </section>
                <section class="c-card" aria-labelledby="c-keys-title">
                    <h2 id="c-keys-title">{ "Token signing keys" }</h2>
                    <p class="c-hint">{ "The panel's backend signs each customer's identity token with one of these. Add the new key, switch the panel to it, then remove the old one." }</p>
                    <ul class="c-plain">
                        { for keys.iter().map(|k| html! {
                            <li key={k.kid.clone()}>
                                <span><code>{ &k.kid }</code>{ format!(" · added {}", text::when(&k.created_at)) }</span>
                                <button type="button" class="c-button c-ghost c-small" onclick={remove_key(k.kid.clone())}
                                    aria-label={format!("Remove key {}", k.kid)}>{ "Remove" }</button>
                            </li>
                        }) }
                    </ul>
                    <form class="c-form" onsubmit={add_key}>
                        <label for="c-t-kid">{ "New key id" }</label>
                        <input id="c-t-kid" type="text" value={(*kid).clone()} oninput={{
                            let kid = kid.clone();
                            Callback::from(move |e: InputEvent| kid.set(e.target_unchecked_into::<HtmlInputElement>().value()))
                        }} />
                        <button type="submit" class="c-button">{ "Add key" }</button>
                    </form>
                    <form class="c-form c-origins" onsubmit={save_origins}>
                        <h3>{ "Allowed panel origins" }</h3>
                        <label for="c-t-origins">{ "One per line, like https://panel.example.com:2083. Empty: any panel." }</label>
                        <textarea id="c-t-origins" rows="3" value={(*origins).clone()} oninput={{
                            let origins = origins.clone();
                            Callback::from(move |e: InputEvent| origins.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
                        }} />
                        <button type="submit" class="c-button">{ "Save origins" }</button>
                    </form>
                </section>
            </div>
        </section>
    }
}
