//! The root component: asks the host who is looking, picks the language, provides the
//! session, and draws the requested widget.

use panelcare_model::{
    Lang,
    branding::{Branding, Theme},
    text::Catalogue,
};
use std::rc::Rc;

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
    // Whether the branding has answered (or failed): the widget draws its content only then
    // (and once its language's texts are in), so that a brand line or a translation arriving
    // later never pushes that content down; or once they have taken too long.
    let branded = use_state(|| false);
    let late = use_state(|| false);
    // The texts of a language other than English, from the server: (language, key and words).
    let words = use_state(|| None::<Rc<(Lang, Vec<(String, String)>)>>);
    let root = use_node_ref();
    {
        let (context, branding, host) = (context.clone(), branding.clone(), props.host.clone());
        let (branded, late) = (branded.clone(), late.clone());
        let api = Api::new(props.api_base.clone(), props.host.clone());
        use_effect_with(props.host.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                context.set(Some(host.context().await.map_err(|_| ())));
            });
            // In parallel with the host's answer. A branding or texts slow to answer hold the
            // content back for at most a second and a half.
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
    {
        let (words, api) = (
            words.clone(),
            Api::new(props.api_base.clone(), props.host.clone()),
        );
        // The language last asked for: an answer for an earlier one is dropped.
        let asked = use_mut_ref(|| Lang::En);
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            *asked.borrow_mut() = lang;
            if !Catalogue::compiled_in(lang) && words.as_ref().is_none_or(|w| w.0 != lang) {
                wasm_bindgen_futures::spawn_local(async move {
                    // Failing, the widget speaks English rather than not at all.
                    let got = api.texts(lang).await.unwrap_or_default();
                    if *asked.borrow() == lang {
                        words.set(Some(Rc::new((lang, got))));
                    }
                });
            }
        });
    }
    let words = (*words).clone().filter(|w| w.0 == lang);
    // Whether the language's texts are in, failed or took too long: only then does the content
    // start (so it asks for its data once, in the language it will speak).
    let settled = Catalogue::compiled_in(lang) || words.is_some() || *late;
    // Without its texts (not yet, or the server could not give them) the widget speaks
    // English, and says so.
    let speaks = match &words {
        _ if Catalogue::compiled_in(lang) => lang,
        Some(w) if !w.1.is_empty() => lang,
        _ => Lang::En,
    };
    let i18n = *use_memo(
        (branding.strings.clone(), speaks, words.clone()),
        |(texts, lang, words)| {
            let ours = words.iter().flat_map(|w| w.1.iter());
            let ours = ours.map(|(k, v)| (k.as_str(), v.as_str()));
            I18n::with_overrides(*lang, ours.chain(texts.of(*lang)))
        },
    );
    let shown = *late || (*branded && settled);
    // A notices banner and an offer card are part of the page: no brand line, no "powered
    // by", and nothing at all when nothing is announced or offered, nor while loading or
    // when the host fails (a line that came and went would move the page).
    let bare = props.kind == "notices" || props.kind == "offers";
    let loading = html! { <p class="pc-muted" role="status">{ i18n.t.loading }</p> };
    let body = match (&*context, ctx) {
        (None, _) | (Some(_), None) if bare => html! {},
        (None, _) => loading,
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
                "notices" => html! { <Notices /> },
                "offers" => html! { <OffersPanel /> },
                _ => html! {},
            };
            // Drawn hidden while the branding is still out, so the widget's own requests go
            // beside it rather than after; shown once it has answered. Not keyed: texts that
            // arrive after it is shown change its words in place rather than starting it over.
            // (A branding that changes the language after the content started leaves the data
            // already asked for in the first language until the next page.)
            html! {
                <>
                    if !shown && !bare { { loading } }
                    if settled {
                        <div class="pc-body" hidden={!shown}>
                            <ContextProvider<Session> context={session}>{ inner }</ContextProvider<Session>>
                        </div>
                    }
                </>
            }
        }
    };
    let b = &*branding;
    let class = if b.theme == Theme::Dark {
        "pc-root pc-dark"
    } else {
        "pc-root"
    };
    if bare {
        return html! { <div {class} lang={speaks.tag()} ref={root}>{ body }</div> };
    }
    html! {
        <div {class} lang={speaks.tag()} ref={root}>
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
