//! The knowledge base: the article form's own checks and the server's message at its field,
//! an article at its own address, and what was saved read back from the server.

use std::{cell::RefCell, rc::Rc};

use panelcare_console::kb::{ArticleEditor, ArticleEditorProps};
use panelcare_model::kb::{AgentArticle, NewArticle};
use wasm_bindgen_test::*;
use yew::Callback;

use crate::common::{
    console::{AtAddress, Routed, path},
    server::{AGENT, PROVIDER_ADMIN, Signed, ok, sign_in},
    *,
};

async fn titled(who: &Signed, title: &str) -> Option<AgentArticle> {
    let all = ok(who.api().articles().await);
    all.into_iter().find(|a| a.title == title)
}

#[wasm_bindgen_test]
async fn the_article_form_refuses_empty_fields_and_shows_the_servers_message_at_its_field() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    // What the form hands its page once saved.
    let saved = Rc::new(RefCell::new(None::<AgentArticle>));
    let props = ArticleEditorProps {
        tenants: Rc::new(ok(admin.api().tenants().await)),
        article: None,
        on_saved: {
            let saved = saved.clone();
            Callback::from(move |a| *saved.borrow_mut() = Some(a))
        },
        on_removed: Callback::noop(),
        on_cancel: Callback::noop(),
    };
    let screen = admin.mount(yew::html! { <ArticleEditor ..props /> });
    until(&screen, "the form", |r| find(r, "#c-kb-title").is_some()).await;
    assert_eq!(
        text_of(&screen, "label[for=c-kb-body]"),
        "Article (Markdown)"
    );
    assert!(
        find(&screen, "#c-kb-tenant option[value=bluefox]").is_some(),
        "a provider admin picks the tenant"
    );

    // Nothing typed: refused here.
    click(&screen, "button[type=submit]").await;
    until(&screen, "the local errors", |r| {
        find(r, "#c-kb-body-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&screen, "#c-kb-title-error"),
        "This field is required."
    );

    let title = unique("Sajt prikazuje grešku 503");
    choose(&screen, "#c-kb-tenant", "bluefox").await;
    choose(&screen, "#c-kb-lang", "sr-Latn").await;
    // Pasted with a right-to-left override in it, which would turn the title around in the
    // customers' lists: only the server's text rule catches it.
    type_into(&screen, "#c-kb-title", &format!("{title}\u{202e}")).await;
    type_into(&screen, "#c-kb-body", "Greška **503** znači…").await;
    assert_eq!(text_of(&screen, "button[type=submit]"), "Save draft");
    click(&screen, "button[type=submit]").await;
    until(&screen, "the server's message", |r| {
        find(r, "#c-kb-title-error")
            .is_some_and(|e| e.text_content().unwrap().contains("control characters"))
    })
    .await;
    // Next to its field, and the field points at it.
    let input = find(&screen, "#c-kb-title").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        input
            .get_attribute("aria-describedby")
            .unwrap()
            .contains("c-kb-title-error")
    );
    assert!(find(&screen, ".c-field:has(#c-kb-title) #c-kb-title-error").is_some());
    assert!(
        find(&screen, "#c-kb-body-error").is_none(),
        "the body was fine"
    );
    assert!(
        find(&screen, "[role=alert]").is_none(),
        "a field message is not repeated above"
    );
    assert!(titled(&admin, &title).await.is_none(), "nothing was stored");

    type_into(&screen, "#c-kb-title", &title).await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the saved article", |_| saved.borrow().is_some()).await;
    let stored = titled(&admin, &title).await.expect("the article stored");
    assert_eq!(saved.borrow().as_ref().map(|a| &a.id), Some(&stored.id));
    assert_eq!(
        (stored.tenant_id.as_str(), stored.lang.as_str()),
        ("bluefox", "sr-Latn")
    );
    assert!(!stored.published, "a draft");
    ok(admin.api().remove_article(&stored.id).await);
}

#[wasm_bindgen_test]
async fn an_article_opens_at_its_address_and_closing_it_returns_to_the_list() {
    let agent = sign_in(AGENT).await;
    let title = unique("Restoring a site");
    let article = ok(agent
        .api()
        .create_article(&NewArticle {
            tenant_id: "acme".into(),
            lang: "en".into(),
            title: title.clone(),
            body: "From a JetBackup snapshot.".into(),
            published: true,
        })
        .await);
    let _at = AtAddress::go("/console/kb");
    let screen = agent.mount(yew::html! { <Routed /> });
    let link = format!(".c-kb-table a[href='/console/kb/{}']", article.id);
    until(&screen, "the list", |r| find(r, &link).is_some()).await;
    assert_eq!(
        find(&screen, &link)
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some(format!("Edit “{title}”").as_str())
    );

    click(&screen, &link).await;
    until(&screen, "the editor", |r| find(r, "#c-kb-title").is_some()).await;
    assert_eq!(path(), format!("/console/kb/{}", article.id));
    assert_eq!(
        value(&screen, "#c-kb-title"),
        title,
        "the address's article"
    );
    assert!(
        find(&screen, ".c-head button").is_none(),
        "no new article while one is open"
    );

    click(&screen, ".c-editor .c-actions .c-ghost").await;
    until(&screen, "the editor to close", |r| {
        find(r, "#c-kb-title").is_none()
    })
    .await;
    assert_eq!(path(), "/console/kb");
    assert_eq!(text_of(&screen, ".c-head button"), "New article");

    // Saved, the editor closes and the list says so (the page stays, only the address changed).
    click(&screen, &link).await;
    until(&screen, "the editor", |r| find(r, "#c-kb-title").is_some()).await;
    let renamed = format!("{title} from a snapshot");
    type_into(&screen, "#c-kb-title", &renamed).await;
    click(&screen, ".c-editor button[type=submit]").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    assert_eq!(text_of(&screen, ".c-ok"), format!("“{renamed}” saved."));
    assert!(find(&screen, "#c-kb-title").is_none());
    assert_eq!(path(), "/console/kb");
    let stored = titled(&agent, &renamed)
        .await
        .expect("the new title stored");
    assert_eq!(stored.id, article.id);
    ok(agent.api().remove_article(&article.id).await);
}
