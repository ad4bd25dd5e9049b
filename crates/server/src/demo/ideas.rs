//! Demo mode's ideas boards, so the console's moderation queue and the widget's board show a
//! working board from the first start: Acme's (moderated, authors by first name) with ideas
//! voted for by customers on different plans (one waiting to be published, one planned and
//! one shipped with an answer, and a duplicate to merge), and BlueFox's own (published at
//! once, authors not shown). Authors and voters are the history's customers, never the demo
//! panels' Alice, Boris and Milica, whose own board starts untouched.
//!
//! Each idea comes from a suggestion shared as one under a fixed idempotency key: a key
//! stored before means that idea, its votes and its status are there already.

use panelcare_model::{
    NewFeedback,
    ideas::{AuthorDisplay, IdeaSettings, IdeaStatus, ValidIdeaChange},
};

use super::{RESELLER_ID, TENANT_ID};
use crate::{
    auth::Customer,
    db::Db,
    error::AppError,
    feedback,
    ideas::store::{board, queue, seed, votes},
    tenants::Scope,
    time,
};

const DAY: i64 = 86_400_000;

/// Customers who write and vote: (tenant, account, name, plan).
const PEOPLE: [(&str, &str, &str, &str); 8] = [
    (TENANT_ID, "d-ivan", "Ivan Horvat", "pro"),
    (TENANT_ID, "d-sara", "Sara Lind", "business-vps"),
    (TENANT_ID, "d-tom", "Tom Becker", "starter"),
    (TENANT_ID, "d-olga", "Ольга Смирнова", "pro"),
    (TENANT_ID, "d-mia", "Mia Weber", "starter"),
    (TENANT_ID, "d-luka", "Luka Novak", "pro"),
    (RESELLER_ID, "d-jovan", "Jovan Ilić", "starter"),
    (RESELLER_ID, "d-ana", "Ana Kovač", "business-vps"),
];

/// One seeded idea.
struct Seed {
    key: &'static str,
    author: &'static str,
    message: &'static str,
    days_ago: i64,
    /// Published at once (else it waits for an agent).
    published: bool,
    /// Other voters, each `(account, days after the idea)`; `instead` ones voted for it
    /// instead of writing their own.
    voters: &'static [(&'static str, i64)],
    instead: &'static [&'static str],
    /// A status and public answer set by an agent, `days after` the idea.
    decided: Option<(IdeaStatus, &'static str, i64)>,
}

const SEEDS: [Seed; 7] = [
    Seed {
        key: "seed-idea-staging",
        author: "d-sara",
        message: "One-click staging copy of a WordPress site\nI test plugin updates on a copy \
                  first; making one by hand takes me an hour each time.",
        days_ago: 40,
        published: true,
        voters: &[("d-ivan", 3), ("d-olga", 9), ("d-tom", 20), ("d-luka", 27)],
        instead: &[],
        decided: Some((
            IdeaStatus::Planned,
            "Planned for the spring release: a staging copy in one click, and pushing it back \
             live when you are happy with it.",
            21,
        )),
    },
    Seed {
        key: "seed-idea-staging-again",
        author: "d-mia",
        message: "A test copy of my site for plugin updates\nSomewhere to try an update before \
                  my shop gets it.",
        days_ago: 12,
        published: true,
        voters: &[("d-tom", 1), ("d-luka", 4)],
        instead: &[],
        decided: None,
    },
    Seed {
        key: "seed-idea-node",
        author: "d-ivan",
        message: "Node.js 22 on the shared plans\nOur agency's sites need it; today only the \
                  VPS has it.",
        days_ago: 25,
        published: true,
        voters: &[("d-tom", 2), ("d-mia", 10)],
        instead: &["d-luka"],
        decided: Some((IdeaStatus::UnderReview, "", 6)),
    },
    Seed {
        key: "seed-idea-backups",
        author: "d-olga",
        message: "Daily backups kept for 30 days\nA week is too short to notice a broken page.",
        days_ago: 50,
        published: true,
        voters: &[("d-sara", 2), ("d-mia", 5), ("d-ivan", 8)],
        instead: &[],
        decided: Some((
            IdeaStatus::Shipped,
            "Shipped: every plan keeps daily backups for 30 days now. Restore one from \
             Backups in your panel.",
            30,
        )),
    },
    Seed {
        key: "seed-idea-php-folders",
        author: "d-luka",
        message: "Choose the PHP version per folder\nMy old shop needs PHP 8.1, the new site \
                  8.4, and both live on one domain.",
        days_ago: 2,
        published: false,
        voters: &[],
        instead: &[],
        decided: None,
    },
    Seed {
        key: "seed-idea-wildcard",
        author: "d-jovan",
        message: "Besplatni wildcard sertifikati\nZa sve poddomene odjednom, bez ručnog \
                  obnavljanja.",
        days_ago: 18,
        published: true,
        voters: &[("d-ana", 3)],
        instead: &[],
        decided: None,
    },
    Seed {
        key: "seed-idea-2fa",
        author: "d-ana",
        message: "Prijava u dva koraka za panel\nDa niko ne uđe samo sa lozinkom.",
        days_ago: 33,
        published: true,
        voters: &[("d-jovan", 6)],
        instead: &[],
        decided: Some((IdeaStatus::Planned, "Planirano za mart.", 14)),
    },
];

fn customer(account: &str) -> Result<Customer, AppError> {
    let (tenant, account, name, plan) = PEOPLE
        .iter()
        .find(|p| p.1 == account)
        .ok_or_else(|| AppError::Internal(format!("no demo customer {account}")))?;
    Ok(Customer {
        tenant_id: (*tenant).into(),
        account_id: (*account).into(),
        name: Some((*name).into()),
        email: Some(format!("{account}@customers.example")),
        plan: Some((*plan).into()),
        locale: Some("en".into()),
        support_tier: Some("standard".into()),
        server: None,
    })
}

/// Stores `s`'s suggestion and the idea it becomes; `None` when a start before did.
async fn shared(db: &Db, who: &Customer, s: &Seed) -> Result<Option<String>, AppError> {
    let body = NewFeedback {
        category: "idea".into(),
        message: s.message.into(),
        rating: None,
        page: None,
        share: true,
    };
    let valid = body
        .validate()
        .map_err(|_| AppError::Internal("bad idea seed".into()))?;
    // The tenant's board as seeded (how it names authors), this idea published or waiting.
    let board = crate::ideas::store::settings::of_tenant(db, &who.tenant_id).await?;
    let settings = panelcare_model::ideas::IdeaSettings {
        moderated: !s.published,
        ..board
    };
    let mut tx = db.write().await?;
    let Some(fb) = feedback::store::insert(&mut tx, who, s.key, &valid).await? else {
        return Ok(None);
    };
    let id = board::create_from_feedback(&mut tx, who, &fb.id, &valid.message, &settings).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Seeds one idea with its votes and decision, then moves it all back to its days.
async fn plant(db: &Db, s: &Seed, agent: &str, now: i64) -> Result<(), AppError> {
    let author = customer(s.author)?;
    let Some(id) = shared(db, &author, s).await? else {
        return Ok(());
    };
    let born = now - s.days_ago * DAY;
    let mut tx = db.write().await?;
    for (account, _) in s.voters {
        votes::add(&mut tx, &customer(account)?, &id).await?;
    }
    for account in s.instead {
        let who = customer(account)?;
        votes::add(&mut tx, &who, &id).await?;
        votes::deflect(&mut tx, &who, &id).await?;
    }
    if let Some((status, answer, _)) = s.decided {
        let change = ValidIdeaChange {
            status: Some(status),
            answer: (!answer.is_empty()).then(|| Some(answer.to_owned())),
            ..ValidIdeaChange::default()
        };
        queue::change(&mut tx, &Scope::one(&author.tenant_id), &id, agent, &change).await?;
    }
    tx.commit().await?;
    let decided = s.decided.map(|(_, _, after)| born + after * DAY);
    seed::backdate(db, &id, born, decided).await?;
    seed::backdate_vote(db, &id, s.author, born).await?;
    for (account, after) in s.voters {
        seed::backdate_vote(db, &id, account, born + after * DAY).await?;
    }
    feedback::store::backdate_seed(db, &author.tenant_id, s.key, born, now - DAY).await?;
    Ok(())
}

/// Turns both boards on (once: an admin's later choice is kept) and seeds their ideas.
pub async fn seed(db: &Db) -> Result<(), AppError> {
    for (tenant, moderated, authors) in [
        (TENANT_ID, true, AuthorDisplay::FirstName),
        (RESELLER_ID, false, AuthorDisplay::Hidden),
    ] {
        let settings = IdeaSettings {
            board: true,
            moderated,
            authors,
        };
        seed::settings_if_unset(db, tenant, &settings).await?;
    }
    let now = time::now_ms();
    for s in &SEEDS {
        // Each tenant's own admin decides on its ideas.
        let admin = match customer(s.author)?.tenant_id.as_str() {
            RESELLER_ID => "admin@bluefox.example",
            _ => "admin@acme-hosting.example",
        };
        let agent = crate::agents::store::id_by_email(db, admin)
            .await?
            .ok_or_else(|| AppError::Internal(format!("the demo admin {admin} is missing")))?;
        plant(db, s, &agent, now).await?;
    }
    Ok(())
}
