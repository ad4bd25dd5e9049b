//! Tickets, knowledge-base articles and notices read from the server's JSON by hand (see
//! `crate::wire` for why not serde).

use panelcare_model::{
    kb::{Article, ArticleHit},
    notice::{Notice, NoticeKind, NoticeUpdate},
    offers::Upsell,
    sla::{Priority, SlaState, Targets},
    ticket::{
        Attachment, Department, Message, MessageKind, TicketOptions, TicketStatus, TicketSummary,
    },
};

use crate::wire::Obj;

pub fn summary(o: &Obj) -> Option<TicketSummary> {
    Some(TicketSummary {
        id: o.str("id")?,
        number: o.num("number")? as i64,
        subject: o.str("subject")?,
        department: Department::parse(&o.str("department")?)?,
        priority: Priority::parse(&o.str("priority")?)?,
        status: TicketStatus::parse(&o.str("status")?)?,
        created_at: o.str("created_at")?,
        updated_at: o.str("updated_at")?,
        due_at: o.str("due_at"),
        target_minutes: o.num("target_minutes").map(|m| m as u32),
        sla_state: o.str("sla_state").and_then(|s| SlaState::parse(&s)),
        rating: o.num("rating").map(|r| r as u8),
        reopen_until: o.str("reopen_until"),
    })
}

pub fn attachment(o: &Obj) -> Option<Attachment> {
    Some(Attachment {
        id: o.str("id")?,
        name: o.str("name")?,
        content_type: o.str("content_type").unwrap_or_default(),
        size: o.num("size").unwrap_or_default() as u64,
        url: o.str("url")?,
        thumbnail_url: o.str("thumbnail_url"),
    })
}

pub fn message(o: &Obj) -> Option<Message> {
    Some(Message {
        id: o.str("id")?,
        kind: MessageKind::parse(&o.str("kind")?)?,
        author: o.str("author").unwrap_or_default(),
        body: o.str("body").unwrap_or_default(),
        status: o.str("status").and_then(|s| TicketStatus::parse(&s)),
        attachments: o
            .list("attachments")
            .iter()
            .filter_map(attachment)
            .collect(),
        created_at: o.str("created_at")?,
    })
}

/// `{"ticket": …, "messages": […]}`.
pub fn thread(o: &Obj) -> Option<(TicketSummary, Vec<Message>)> {
    Some((
        summary(&Obj::new(o.get("ticket"))?)?,
        o.list("messages").iter().filter_map(message).collect(),
    ))
}

/// Minutes per priority of a `first_response` object.
fn targets(o: &Obj) -> Targets {
    let first = Obj::new(o.get("first_response"));
    let minutes = |p: &str| first.as_ref().and_then(|f| f.num(p)).unwrap_or_default() as u32;
    Targets {
        low: minutes("low"),
        normal: minutes("normal"),
        high: minutes("high"),
        critical: minutes("critical"),
    }
}

fn upsell(o: &Obj) -> Option<Upsell> {
    Some(Upsell {
        rule: o.str("rule")?,
        name: o.str("name")?,
        price: o.str("price").unwrap_or_default(),
        first_response: targets(o),
        cta_url: o.str("cta_url")?,
    })
}

pub fn options(o: &Obj) -> TicketOptions {
    TicketOptions {
        departments: o
            .strings("departments")
            .iter()
            .filter_map(|d| Department::parse(d))
            .collect(),
        first_response: targets(o),
        business_hours: o.bool("business_hours").unwrap_or(false),
        max_file_bytes: o.num("max_file_bytes").unwrap_or_default() as u64,
        max_files: o.num("max_files").unwrap_or(5.0) as usize,
        reopen_days: o.num("reopen_days").unwrap_or_default() as u32,
        upsell: Obj::new(o.get("upsell")).and_then(|u| upsell(&u)),
    }
}

pub fn hits(o: &Obj) -> Vec<ArticleHit> {
    o.list("items")
        .iter()
        .filter_map(|h| {
            Some(ArticleHit {
                id: h.str("id")?,
                title: h.str("title")?,
                snippet: h.str("snippet").unwrap_or_default(),
            })
        })
        .collect()
}

pub fn article(o: &Obj) -> Option<Article> {
    Some(Article {
        id: o.str("id")?,
        lang: o.str("lang").unwrap_or_default(),
        title: o.str("title")?,
        html: o.str("html")?,
        updated_at: o.str("updated_at").unwrap_or_default(),
    })
}

pub fn notices(o: &Obj) -> Vec<Notice> {
    o.list("items")
        .iter()
        .filter_map(|n| {
            Some(Notice {
                id: n.str("id")?,
                kind: NoticeKind::parse(&n.str("kind")?)?,
                title: n.str("title")?,
                body: n.str("body").unwrap_or_default(),
                starts_at: n.str("starts_at")?,
                ends_at: n.str("ends_at"),
                current: n.bool("current").unwrap_or(false),
                affected_plans: n.strings("affected_plans"),
                affected_servers: n.strings("affected_servers"),
                updates: n
                    .list("updates")
                    .iter()
                    .filter_map(|u| {
                        Some(NoticeUpdate {
                            body: u.str("body")?,
                            created_at: u.str("created_at")?,
                        })
                    })
                    .collect(),
            })
        })
        .collect()
}
