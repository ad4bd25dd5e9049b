//! The root component: asks the host who is looking, picks the language, provides the
//! session, and draws the requested widget.

use panelcare_model::{
    Lang,
    branding::{Branding, Theme},
};
use yew::prelude::*;

use crate::{
    api::Api,
    feedback::FeedbackPanel,
    host::{Host, HostContext},
    i18n::I18n,
    offers::OffersPanel,
    session::Session,
    storage::Store,
    tickets::{TicketsPanel, notices::Notices},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WidgetProps {
    /// Which widget: the `data-panelcare` value of the mount point.
    pub kind: AttrValue,
    pub host: Host,
    pub api_base: AttrValue,
}

#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    // None while the host is asked; Some(Err) if it could not say.
    let context = use_state(|| None::<Result<HostContext, ()>>);
    // The tenant's look; the default look until (or unless) it arrives.
    let branding = use_state(Branding::default);
    // Whether the branding has answered (or failed, or taken too long): the widget draws its
    // content only then, so that a brand line arriving later never pushes that content down.
    let branded = use_state(|| false);
    let root = use_node_ref();
    {
        let (context, branding, host) = (context.clone(), branding.clone(), props.host.clone());
        let branded = branded.clone();
        let api = Api::new(props.api_base.clone(), props.host.clone());
        use_effect_with(props.host.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                context.set(Some(host.context().await.map_err(|_| ())));
            });
            // In parallel with the host's answer. A branding that is slow to answer holds the
            // content back for at most a second and a half.
            let late = branded.clone();
            gloo::timers::callback::Timeout::new(1500, move || late.set(true)).forget();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(b) = api.branding().await {
                    branding.set(b);
                }
                branded.set(true);
            });
        });
    }
    {
        let root = root.clone();
        use_effect_with((*branding).clone(), move |b| {
            if let Some(el) = root.cast::<web_sys::HtmlElement>() {
                crate::brand::apply(&el, b);
            }
        });
    }
    let fallback_lang = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default()
    };
    let (wanted, ctx) = match &*context {
        Some(Ok(ctx)) => (
            ctx.locale
                .as_deref()
                .map(Lang::from_locale)
                .unwrap_or_else(fallback_lang),
            Some(ctx),
        ),
        _ => (fallback_lang(), None),
    };
    // The tenant decides which languages its customers see and may reword any text.
    let lang = branding.pick_lang(wanted);
    let i18n = *use_memo((branding.strings.clone(), lang), |(texts, lang)| {
        I18n::with_overrides(*lang, texts.of(*lang))
    });
    // A notices banner and an offer card are part of the page: no brand line, no "powered
    // by", and nothing at all when nothing is announced or offered, nor while loading or
    // when the host fails (a line that came and went would move the page).
    let bare = props.kind == "notices" || props.kind == "offers";
    let body = match (&*context, ctx) {
        (Some(Ok(_)), _) if !*branded && bare => html! {},
        (Some(Ok(_)), _) if !*branded => {
            html! { <p class="pc-muted" role="status">{ i18n.t.loading }</p> }
        }
        (None, _) if bare => html! {},
        (Some(_), None) if bare => html! {},
        (None, _) => html! { <p class="pc-muted" role="status">{ i18n.t.loading }</p> },
        (Some(_), None) => {
            html! { <p class="pc-alert" role="alert">{ i18n.t.err_unavailable }</p> }
        }
        (Some(_), Some(ctx)) => {
            let account = ctx.account.clone().unwrap_or_else(|| "anonymous".into());
            let session = Session {
                api: Api::new(props.api_base.clone(), props.host.clone()),
                store: Store::new(&props.host.name(), &account),
                i18n,
            };
            let inner = match props.kind.as_str() {
                "feedback" => html! { <FeedbackPanel /> },
                "tickets" => html! { <TicketsPanel /> },
                "notices" => html! { <Notices bar=true /> },
                "offers" => html! { <OffersPanel /> },
                _ => html! {},
            };
            html! { <ContextProvider<Session> context={session}>{ inner }</ContextProvider<Session>> }
        }
    };
    let b = &*branding;
    let class = if b.theme == Theme::Dark {
        "pc-root pc-dark"
    } else {
        "pc-root"
    };
    if bare {
        return html! { <div {class} lang={lang.tag()} ref={root}>{ body }</div> };
    }
    html! {
        <div {class} lang={lang.tag()} ref={root}>
            if !b.product_name.is_empty() || !b.logo_url.is_empty() {
                <p class="pc-brand">
                    if !b.logo_url.is_empty() {
                        <img class="pc-logo" src={b.logo_url.clone()} alt="" />
                    }
                    <span>{ &b.product_name }</span>
                </p>
            }
            { body }
            if !b.hide_powered_by {
                <p class="pc-powered">{ i18n.t.powered_by }</p>
            }
        </div>
    }
}
