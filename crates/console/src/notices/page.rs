//! Notices: what is happening now, what is coming up and what is over, for the tenants in
//! scope; publishing a new one or changing one.

use std::rc::Rc;

use panelcare_model::notice::AgentNotice;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{NoticeCard, NoticeForm, Phase};
use crate::{api::Api, tenants::use_tenants};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticesProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Notice(Rc<AgentNotice>),
}

#[component]
pub fn NoticesView(props: &NoticesProps) -> Html {
    let (tenants, _) = use_tenants();
    let notices = use_state(|| None::<Result<Rc<Vec<Rc<AgentNotice>>>, String>>);
    let editing = use_state(|| Editing::Nothing);
    let saved = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (api, notices, on_signed_out) = (
            props.api.clone(),
            notices.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                match api.notices().await {
                    Ok(list) => {
                        notices.set(Some(Ok(Rc::new(list.into_iter().map(Rc::new).collect()))))
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => notices.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let refresh = {
        let (saved, reload) = (saved.clone(), reload.clone());
        move |what: String| {
            saved.set(Some(what));
            reload.set(*reload + 1);
        }
    };
    let on_saved = {
        let (editing, refresh) = (editing.clone(), refresh.clone());
        Callback::from(move |n: AgentNotice| {
            editing.set(Editing::Nothing);
            refresh(format!(
                "“{}” saved; the customers it concerns see it in their panel.",
                n.notice.title
            ));
        })
    };
    let on_changed = {
        let refresh = refresh.clone();
        Callback::from(move |n: AgentNotice| refresh(format!("“{}” changed.", n.notice.title)))
    };
    let on_removed = {
        let refresh = refresh.clone();
        Callback::from(move |_: AttrValue| refresh("The notice was removed.".to_owned()))
    };
    let on_edit = {
        let (editing, saved) = (editing.clone(), saved.clone());
        Callback::from(move |n: Rc<AgentNotice>| {
            saved.set(None);
            editing.set(Editing::Notice(n));
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(Editing::Nothing))
    };
    let new = {
        let (editing, saved) = (editing.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            saved.set(None);
            editing.set(Editing::New);
        })
    };
    let several = tenants.len() > 1;
    let tenant_name = |id: &str| {
        several.then(|| {
            AttrValue::from(
                tenants
                    .iter()
                    .find(|t| t.id == id)
                    .map_or(id.to_owned(), |t| t.name.clone()),
            )
        })
    };
    let now = js_sys::Date::now();
    let group = |all: &[Rc<AgentNotice>],
                 phase: Phase,
                 title: &'static str,
                 empty: &'static str| {
        let mut items: Vec<&Rc<AgentNotice>> =
            all.iter().filter(|n| Phase::of(n, now) == phase).collect();
        // What comes next first; what is over, the latest first (as the server sends it).
        if phase != Phase::Past {
            items.reverse();
        }
        let id = format!("c-n-{}", title.to_lowercase().replace(' ', "-"));
        html! {
            <section class="c-notice-group" aria-labelledby={id.clone()}>
                <h2 {id} class="c-subtitle">{ format!("{title} ({})", items.len()) }</h2>
                if items.is_empty() {
                    <p class="c-muted">{ empty }</p>
                } else {
                    <ul class="c-list">{ for items.into_iter().map(|n| html! {
                        <NoticeCard key={n.notice.id.clone()} api={props.api.clone()} notice={n.clone()} {phase}
                            tenant_name={tenant_name(&n.tenant_id)} on_changed={on_changed.clone()} on_edit={on_edit.clone()}
                            on_removed={on_removed.clone()} on_signed_out={props.on_signed_out.clone()} />
                    }) }</ul>
                }
            </section>
        }
    };
    let body = match &*notices {
        None => html! { <p class="c-muted">{ "Loading notices…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(all)) => html! {
            <>
                { group(all, Phase::Current, "Happening now", "Nothing is going on right now.") }
                { group(all, Phase::Upcoming, "Coming up", "No maintenance is planned.") }
                { group(all, Phase::Past, "Over", "No earlier notices.") }
            </>
        },
    };
    let form_tenants = Rc::new((*tenants).clone());
    html! {
        <section aria-labelledby="c-notices-title">
            <div class="c-head">
                <h1 id="c-notices-title" class="c-title">{ "Notices" }</h1>
                if *editing == Editing::Nothing {
                    <button type="button" class="c-button" onclick={new}>{ "New notice" }</button>
                }
            </div>
            <p class="c-hint">{ "Customers see current notices, and maintenance up to 14 days ahead, in the notices banner and above their tickets." }</p>
            if let Some(m) = &*saved {
                <p class="c-ok" role="status">{ m }</p>
            }
            {
                match &*editing {
                    Editing::Nothing => html! {},
                    Editing::New => html! {
                        <NoticeForm api={props.api.clone()} tenants={form_tenants} on_saved={on_saved.clone()}
                            on_cancel={on_cancel.clone()} on_signed_out={props.on_signed_out.clone()} />
                    },
                    Editing::Notice(n) => html! {
                        <NoticeForm key={n.notice.id.clone()} api={props.api.clone()} tenants={form_tenants} notice={n.clone()}
                            {on_saved} {on_cancel} on_signed_out={props.on_signed_out.clone()} />
                    },
                }
            }
            { body }
        </section>
    }
}
