//! A ticket's thread for an agent: the customer's messages, support's answers and progress
//! updates, internal notes marked as such, status changes, and files (images as thumbnails).

use panelcare_model::ticket::{Attachment, Message, MessageKind};
use yew::prelude::*;

use super::text;
use crate::text::when;

fn files(list: &[Attachment]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <ul class="c-files">{ for list.iter().map(|a| html! {
            <li key={a.id.clone()}>
                <a href={a.url.clone()} download={a.name.clone()}>
                    if let Some(thumb) = &a.thumbnail_url {
                        <img class="c-thumb" src={thumb.clone()} alt="" />
                    }
                    { format!("{} ({} KB)", a.name, a.size.div_ceil(1024)) }
                </a>
            </li>
        }) }</ul>
    }
}

/// `customer` names the customer for their own messages.
pub fn thread(messages: &[Message], customer: &str) -> Html {
    html! {
        <ol class="c-thread">
            { for messages.iter().map(|m| {
                if m.kind == MessageKind::Event {
                    return html! {
                        <li class="c-event" key={m.id.clone()}>{ format!("Status → {} · {}", m.status.map_or("", text::status), when(&m.created_at)) }</li>
                    };
                }
                let (class, label) = match m.kind {
                    MessageKind::Customer => ("c-msg c-msg-customer", customer.to_owned()),
                    MessageKind::Progress => ("c-msg c-msg-agent", format!("{} · progress update", m.author)),
                    MessageKind::Note => ("c-msg c-msg-note", format!("{} · internal note", m.author)),
                    _ => ("c-msg c-msg-agent", m.author.clone()),
                };
                html! {
                    <li class={class} key={m.id.clone()}>
                        <p class="c-row-meta"><strong>{ label }</strong><span class="c-when">{ when(&m.created_at) }</span></p>
                        <p class="c-body">{ &m.body }</p>
                        { files(&m.attachments) }
                    </li>
                }
            }) }
        </ol>
    }
}
