//! The ideas screens against the real demo server (started by `cargo xtask test` with
//! `--console-test-cors`, its address in `PANELCARE_TEST_SERVER` at compile time): the queue
//! puts waiting ideas first and counts them, an agent publishes, answers, edits and merges,
//! refusals are said at their fields, a missing idea is "not found", the board settings are
//! saved for a reseller, and a reseller sees only its own ideas.
//!
//! Each test shares its own ideas as customers would (through the widget API, with tokens
//! signed here with the demo tenant's published key), so it never depends on what another
//! test did to the demo's seeded ideas.

use panelcare_console::{api::Api, route::Route, screen::Screen};
use panelcare_model::{
    console::SessionInfo,
    ideas::{IdeaChange, IdeaSettings, IdeaStatus, IdeaVisibility, QueuedIdea},
};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::html;

use crate::common::{console, server::server, *};

/// The demo tenant's signing secret, published on purpose (`crates/server/src/demo`).
const ACME_SECRET: &str = "demo-secret-acme-not-for-production";

#[wasm_bindgen(inline_js = r#"
const enc = new TextEncoder();
const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const part = (obj) => b64(enc.encode(JSON.stringify(obj)));

// What a host panel's backend does: a short-lived token for one customer on `plan`.
async function token(tenant, account, secret) {
  const now = Math.floor(Date.now() / 1000);
  const head = part({ alg: "HS256", typ: "JWT", kid: "demo-1" });
  const body = part({ iss: tenant, sub: account, aud: "panelcare", iat: now, exp: now + 600,
    name: `Tess ${account}`, plan: "pro" });
  const key = await crypto.subtle.importKey("raw", enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, enc.encode(`${head}.${body}`));
  return `${head}.${body}.${b64(sig)}`;
}

export async function share_idea(base, tenant, account, secret, message) {
  const res = await fetch(`${base}/api/v1/feedback`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await token(tenant, account, secret)}`,
      "Content-Type": "application/json", "Idempotency-Key": `ct-${account}` },
    body: JSON.stringify({ category: "idea", message, share: true }),
  });
  if (res.status !== 201) throw new Error(`sharing answered ${res.status}: ${await res.text()}`);
  return (await res.json()).id;
}

export async function vote_instead(base, tenant, account, secret, idea) {
  const res = await fetch(`${base}/api/v1/ideas/${idea}/instead`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await token(tenant, account, secret)}` },
  });
  if (res.status !== 200) throw new Error(`voting answered ${res.status}: ${await res.text()}`);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn share_idea(
        base: &str,
        tenant: &str,
        account: &str,
        secret: &str,
        message: &str,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn vote_instead(
        base: &str,
        tenant: &str,
        account: &str,
        secret: &str,
        idea: &str,
    ) -> Result<JsValue, JsValue>;
}

/// Signs a demo account in on the real server and returns the session as the console holds
/// it.
async fn sign_in(email: &str) -> SessionInfo {
    crate::common::server::sign_in(email).await.session
}

fn api_of(session: &SessionInfo) -> Api {
    Api {
        csrf: session.csrf_token.clone().into(),
    }
}

/// A word no other test (or run) uses.
fn unique() -> String {
    format!("{:x}", (js_sys::Math::random() * 1e12) as u64)
}

/// A new Acme customer shares `message` as an idea; the console finds it by its suggestion.
/// Acme moderates its board, so the idea waits to be published.
async fn shared(api: &Api, message: &str) -> QueuedIdea {
    let account = format!("ct-{}", unique());
    let suggestion = share_idea(server(), "acme", &account, ACME_SECRET, message)
        .await
        .unwrap_or_else(|e| panic!("sharing {message:?}: {e:?}"))
        .as_string()
        .unwrap();
    let queue = api.ideas("?tenant=acme").await.unwrap();
    queue
        .items
        .into_iter()
        .find(|i| i.feedback_id.as_deref() == Some(suggestion.as_str()))
        .expect("the shared suggestion's idea")
}

async fn publish(api: &Api, id: &str) {
    let change = IdeaChange {
        visibility: Some("published".into()),
        ..IdeaChange::default()
    };
    api.change_idea(id, &change).await.unwrap();
}

fn text(root: &Element) -> String {
    root.text_content().unwrap()
}

fn focused() -> String {
    gloo_utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

fn checked(root: &Element, sel: &str) -> bool {
    find(root, sel)
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .checked()
}

fn idea_screen(id: &str) -> yew::Html {
    html! { <Screen route={Route::Idea { id: id.to_owned() }} /> }
}

/// Waiting ideas come first and their number is said at the top, also when the list shows
/// other ones; "Show only these" lists exactly the waiting ones. Revenue is money.
#[wasm_bindgen_test]
async fn the_queue_puts_waiting_ideas_first_and_counts_them() {
    let session = sign_in("admin@acme-hosting.example").await;
    let api = api_of(&session);
    let title = format!("Queue check {}", unique());
    shared(&api, &title).await;
    let root = console::mount_as(session, html! { <Screen route={Route::Ideas} /> });
    until(&root, "the shared idea", |r| text(r).contains(&title)).await;
    let first = find(&root, ".c-list > li").unwrap();
    assert!(
        first
            .get_attribute("class")
            .unwrap_or_default()
            .contains("c-waiting"),
        "{}",
        first.outer_html()
    );
    let waiting = root
        .query_selector_all(".c-list > li.c-waiting")
        .unwrap()
        .length();
    let said = text_of(&root, "#c-ideas-pending");
    assert!(said.contains(&format!("{waiting} idea")), "{said}");
    // The new idea's only voter is its author, on a plan Acme's catalogue prices in euros.
    let row = text_of(&root, ".c-list > li.c-waiting .c-idea-revenue");
    let amount = row
        .strip_prefix("voters pay €")
        .and_then(|r| r.strip_suffix(" a month"));
    assert!(
        amount.is_some_and(|a| a.split_once('.').is_some_and(|(_, cents)| cents.len() == 2)),
        "money with its currency: {row}"
    );

    // Planned ideas only: the waiting ones are not listed, and still counted.
    choose(&root, "#c-i-status", "planned").await;
    until(&root, "planned ideas only", |r| {
        !text(r).contains(&title) && find(r, ".c-list > li.c-waiting").is_none()
    })
    .await;
    until(&root, "the count of waiting ideas", |r| {
        find(r, "#c-ideas-pending").is_some_and(|p| text(&p).contains(&format!("{waiting} idea")))
    })
    .await;
    click(&root, "#c-ideas-pending button").await;
    until(&root, "the waiting ideas alone", |r| {
        text(r).contains(&title)
    })
    .await;
    // The button went with the click: focus is on the filter it set.
    until(&root, "focus on the filter", |_| {
        focused() == "c-i-visibility"
    })
    .await;
    let rows = root.query_selector_all(".c-list > li").unwrap().length();
    let waiting_rows = root
        .query_selector_all(".c-list > li.c-waiting")
        .unwrap()
        .length();
    assert_eq!(rows, waiting_rows);

    choose(&root, "#c-i-visibility", "").await;
    choose(&root, "#c-i-sort", "revenue").await;
    until(&root, "the revenue order explained", |r| {
        text(r).contains("what each idea's voters pay a month")
    })
    .await;
}

/// Publishing moves focus to the idea's title (the button is gone); a status with a public
/// answer is saved on the server.
#[wasm_bindgen_test]
async fn an_agent_publishes_an_idea_and_plans_it_with_an_answer() {
    let session = sign_in("agent@acme-hosting.example").await;
    let api = api_of(&session);
    let idea = shared(&api, &format!("Publish check {}", unique())).await;
    assert_eq!(idea.visibility, IdeaVisibility::Pending);
    let root = console::mount_as(session, idea_screen(&idea.id));
    until(&root, "the idea", |r| find(r, "#c-idea-publish").is_some()).await;
    click(&root, "#c-idea-publish").await;
    until(&root, "published", |r| {
        text(r).contains("Published: the tenant's customers see it")
    })
    .await;
    assert!(find(&root, "#c-idea-publish").is_none());
    until(&root, "focus on the title", |_| {
        focused() == "c-idea-heading"
    })
    .await;

    choose(&root, "#c-idea-f-status", "planned").await;
    type_into(&root, "#c-idea-f-answer", "Planned for March.").await;
    click(&root, "form:has(#c-idea-f-status) button[type=submit]").await;
    until(&root, "saved", |r| {
        text(r).contains("Status and answer saved")
    })
    .await;
    let stored = api.idea(&idea.id).await.unwrap();
    assert_eq!(
        (stored.visibility, stored.status, stored.answer.as_deref()),
        (
            IdeaVisibility::Published,
            IdeaStatus::Planned,
            Some("Planned for March.")
        )
    );
}

/// An empty title is refused by the server and said at the title, which gets the focus.
#[wasm_bindgen_test]
async fn a_refused_title_is_said_at_its_field() {
    let session = sign_in("admin@acme-hosting.example").await;
    let api = api_of(&session);
    let idea = shared(&api, &format!("Title check {}", unique())).await;
    let root = console::mount_as(session, idea_screen(&idea.id));
    until(&root, "the edit form", |r| {
        find(r, "#c-idea-f-title").is_some()
    })
    .await;
    type_into(&root, "#c-idea-f-title", "   ").await;
    click(&root, "form:has(#c-idea-f-title) button[type=submit]").await;
    until(&root, "the refusal at the title", |r| {
        find(r, "#c-idea-f-title-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, "#c-idea-f-title-error"),
        "This field is required."
    );
    let input = find(&root, "#c-idea-f-title").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    until(&root, "focus on the title field", |_| {
        focused() == "c-idea-f-title"
    })
    .await;
    assert_eq!(
        api.idea(&idea.id).await.unwrap().title,
        idea.title,
        "nothing saved"
    );
}

/// A duplicate is merged after a confirmation: the screen says how many votes moved (a
/// customer who voted for both counts once), and the merged idea has no forms any more.
#[wasm_bindgen_test]
async fn merging_a_duplicate_says_how_many_votes_moved() {
    let session = sign_in("admin@acme-hosting.example").await;
    let api = api_of(&session);
    let word = unique();
    let dup = shared(&api, &format!("Merge me {word}")).await;
    let keep = shared(&api, &format!("Keep me {word}")).await;
    publish(&api, &dup.id).await;
    publish(&api, &keep.id).await;
    let both = format!("ct-both-{word}");
    for id in [&dup.id, &keep.id] {
        vote_instead(server(), "acme", &both, ACME_SECRET, id)
            .await
            .unwrap();
    }
    let root = console::mount_as(session, idea_screen(&dup.id));
    let option = format!("#c-idea-f-into option[value='{}']", keep.id);
    until(&root, "the idea to merge into", |r| {
        find(r, &option).is_some()
    })
    .await;
    choose(&root, "#c-idea-f-into", &keep.id).await;
    click(&root, "form:has(#c-idea-f-into) button[type=submit]").await;
    until(&root, "the confirmation", |r| {
        find(r, "#c-idea-merge-yes").is_some()
    })
    .await;
    assert!(text(&root).contains("A merge cannot be undone"));
    until(&root, "focus on the confirmation", |_| {
        focused() == "c-idea-merge-yes"
    })
    .await;
    click(&root, "#c-idea-merge-yes").await;
    until(&root, "merged", |r| text(r).contains("1 vote moved to it")).await;
    assert!(text(&root).contains(&format!("Merged into “Keep me {word}”")));
    assert!(text(&root).contains("This idea was merged"));
    assert!(
        find(&root, "#c-idea-f-status").is_none(),
        "a merged idea has no forms"
    );
    // Its author, the other's author, and the customer who voted for both, once.
    assert_eq!(api.idea(&keep.id).await.unwrap().votes, 3);
}

#[wasm_bindgen_test]
async fn an_idea_that_is_not_there_is_not_found() {
    let session = sign_in("agent@acme-hosting.example").await;
    let root = console::mount_as(session, idea_screen("no-such-idea"));
    until(&root, "not found", |r| text(r).contains("Idea not found")).await;
}

/// Ideas shipped are listed as the widget's changelog shows them, with their answer.
#[wasm_bindgen_test]
async fn a_shipped_idea_is_in_the_changelog_with_its_answer() {
    let session = sign_in("admin@acme-hosting.example").await;
    let api = api_of(&session);
    let idea = shared(&api, &format!("Ship check {}", unique())).await;
    let change = IdeaChange {
        visibility: Some("published".into()),
        status: Some("shipped".into()),
        answer: Some("Live on every plan.".into()),
        ..IdeaChange::default()
    };
    api.change_idea(&idea.id, &change).await.unwrap();
    let root = console::mount_as(session, html! { <Screen route={Route::IdeasShipped} /> });
    until(&root, "the shipped idea", |r| text(r).contains(&idea.title)).await;
    let first = text_of(&root, ".c-list > li");
    assert!(
        first.contains(&idea.title),
        "most recently shipped first: {first}"
    );
    assert!(first.contains("Live on every plan."), "{first}");
}

/// Eight weeks of figures, the demo's history in them.
#[wasm_bindgen_test]
async fn the_weekly_numbers_are_a_table_of_eight_weeks() {
    let session = sign_in("admin@acme-hosting.example").await;
    let root = console::mount_as(session, html! { <Screen route={Route::IdeasNumbers} /> });
    until(&root, "the table", |r| {
        find(r, ".c-idea-numbers tbody").is_some()
    })
    .await;
    let weeks = root
        .query_selector_all(".c-idea-numbers tbody tr")
        .unwrap()
        .length();
    assert_eq!(weeks, 8);
    let ideas: i64 = text_of(&root, ".c-idea-numbers tfoot td")
        .trim()
        .parse()
        .unwrap();
    assert!(ideas > 0, "the demo's ideas are counted");
}

/// A provider admin sets a reseller's board; a screen drawn afresh reads it back. The
/// warning that turning the board on publishes nothing is there.
#[wasm_bindgen_test]
async fn board_settings_are_saved_for_a_reseller_and_read_back() {
    let session = sign_in("admin@acme-hosting.example").await;
    let api = api_of(&session);
    let before = api.idea_settings("bluefox").await.unwrap();
    let other = if before.authors.as_str() == "hidden" {
        "first_name"
    } else {
        "hidden"
    };
    let root = console::mount_as(
        session.clone(),
        html! { <Screen route={Route::IdeasSettings} /> },
    );
    until(&root, "the tenant choice", |r| {
        find(r, "#c-is-tenant option[value=bluefox]").is_some()
    })
    .await;
    choose(&root, "#c-is-tenant", "bluefox").await;
    until(&root, "BlueFox's settings", |r| {
        find(r, "#c-is-board").is_some()
    })
    .await;
    assert!(text(&root).contains("Turning the board on publishes nothing written before"));
    click(&root, &format!("#c-is-authors-{other}")).await;
    click(&root, ".c-idea-settings button[type=submit]").await;
    until(&root, "saved", |r| text(r).contains("Saved. The board is")).await;
    drop(root);

    let again = console::mount_as(session, html! { <Screen route={Route::IdeasSettings} /> });
    until(&again, "the tenant choice", |r| {
        find(r, "#c-is-tenant option[value=bluefox]").is_some()
    })
    .await;
    choose(&again, "#c-is-tenant", "bluefox").await;
    until(&again, "BlueFox's settings", |r| {
        find(r, "#c-is-board").is_some()
    })
    .await;
    assert!(checked(&again, &format!("#c-is-authors-{other}")));
    // As the demo had it, for whatever runs next.
    let restored: IdeaSettings = api.save_idea_settings("bluefox", &before).await.unwrap();
    assert_eq!(restored, before);
}

/// An agent moderates but does not set up the board: no settings tab, no settings page.
#[wasm_bindgen_test]
async fn an_agent_has_no_board_settings() {
    let session = sign_in("agent@acme-hosting.example").await;
    let root = console::mount_as(session.clone(), html! { <Screen route={Route::Ideas} /> });
    until(&root, "the queue", |r| find(r, ".c-tabs").is_some()).await;
    assert!(!text_of(&root, ".c-tabs").contains("Board settings"));
    drop(root);
    let again = console::mount_as(session, html! { <Screen route={Route::IdeasSettings} /> });
    until(&again, "not found", |r| text(r).contains("Nothing here")).await;
}

/// A reseller's admin sees its own board's ideas and none of the provider's.
#[wasm_bindgen_test]
async fn a_reseller_sees_only_its_own_ideas() {
    let session = sign_in("admin@bluefox.example").await;
    let api = api_of(&session);
    let queue = api.ideas("").await.unwrap();
    assert!(!queue.items.is_empty(), "the demo seeds BlueFox's board");
    assert!(queue.items.iter().all(|i| i.tenant_id == "bluefox"));
    let root = console::mount_as(session, html! { <Screen route={Route::Ideas} /> });
    until(&root, "BlueFox's ideas", |r| {
        root_rows(r) == queue.items.len() as u32
    })
    .await;
    assert!(!text(&root).contains("Acme Hosting"));
}

fn root_rows(r: &Element) -> u32 {
    r.query_selector_all(".c-list > li").unwrap().length()
}

/// A session that ended on the server takes the ideas screen back to sign-in.
#[wasm_bindgen_test]
async fn a_session_ended_on_the_server_signs_the_queue_out() {
    let session = sign_in("agent@acme-hosting.example").await;
    api_of(&session)
        .logout()
        .await
        .expect("signed out on the server");
    let root = console::mount_as(session, html! { <Screen route={Route::Ideas} /> });
    until(&root, "the sign-out", |_| console::signed_out()).await;
}
