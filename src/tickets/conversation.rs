//! The entries of a ticket's conversation as the customer sees them: their own messages,
//! support's answers and progress updates (with files, images as thumbnails), and status
//! changes.

use panelcare_model::ticket::{Attachment, Message, MessageKind};
use yew::prelude::*;

use crate::{api::Api, i18n::I18n, time};

fn files(api: &Api, list: &[Attachment]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <ul class="pc-files">
            { for list.iter().map(|a| html! {
                <li key={a.id.clone()}>
                    <a href={api.file_url(&a.url)} download={a.name.clone()} rel="noopener">
                        if let Some(thumb) = &a.thumbnail_url {
                            <img class="pc-thumb" src={api.file_url(thumb)} alt={a.name.clone()} />
                        } else {
                            { &a.name }
                        }
                    </a>
                </li>
            }) }
        </ul>
    }
}

pub fn message(i18n: I18n, api: &Api, m: &Message) -> Html {
    let t = i18n.t;
    let when = html! {
        <time class="pc-time" datetime={m.created_at.clone()} title={time::full(i18n.lang, &m.created_at)}>{ time::ago(i18n.lang, &m.created_at) }</time>
    };
    if m.kind == MessageKind::Event {
        let status = m.status.map(|s| t.ticket_status(s)).unwrap_or_default();
        return html! { <li class="pc-event" key={m.id.clone()}>{ t.status_changed }{ " " }<strong>{ status }</strong>{ " · " }{ when }</li> };
    }
    let (class, who) = match m.kind {
        MessageKind::Customer => ("pc-msg pc-msg-mine", t.author_you.to_owned()),
        _ => (
            "pc-msg pc-msg-support",
            if m.author.is_empty() {
                t.author_support.to_owned()
            } else {
                m.author.clone()
            },
        ),
    };
    html! {
        <li class={class} key={m.id.clone()}>
            <p class="pc-item-meta">
                <strong>{ who }</strong>
                if m.kind == MessageKind::Progress {
                    <span class="pc-badge pc-status-planned">{ t.progress_badge }</span>
                }
                { when }
            </p>
            <p class="pc-message">{ &m.body }</p>
            { files(api, &m.attachments) }
        </li>
    }
}
