//! Signing in and out: the sign-in form says the server's refusal and a server it cannot
//! reach, and stays usable; a session ended on the server takes a screen back to sign-in.

use panelcare_console::{
    api,
    console::{Login, LoginProps},
    route::Route,
    screen::Screen,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Callback;

use crate::common::{
    console::signed_out,
    server::{AGENT, ok, server, sign_in},
    *,
};

/// Submits the form with `email` and a wrong password; the alert it then shows.
async fn refused(root: &web_sys::Element, email: &str) -> String {
    type_into(root, "#c-email", email).await;
    type_into(root, "#c-password", "not-the-password").await;
    find(root, "button[type=submit]")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    until(root, "the error", |r| {
        find(r, "[role=alert]").is_some()
            && find(r, "button[type=submit]:not([disabled])").is_some()
    })
    .await;
    text_of(root, "[role=alert]")
}

#[wasm_bindgen_test]
async fn the_sign_in_form_is_labelled_and_says_why_it_did_not_sign_in() {
    api::use_server_at(server());
    let root = root();
    let props = LoginProps {
        on_signed_in: Callback::noop(),
    };
    let app = yew::Renderer::<Login>::with_root_and_props(root.clone(), props).render();
    until(&root, "the form", |r| find(r, "form").is_some()).await;
    assert_eq!(text_of(&root, "label[for=c-email]"), "E-mail");
    assert_eq!(
        find(&root, "#c-password")
            .unwrap()
            .get_attribute("type")
            .as_deref(),
        Some("password")
    );
    // An e-mail of its own: the server counts failed sign-ins per e-mail, and the demo
    // accounts must stay free to sign in for the other tests.
    let alert = refused(&root, &format!("{}@acme-hosting.example", unique("nobody"))).await;
    assert_eq!(alert, "The e-mail or the password is not right.");

    // A server that cannot be reached (nothing listens on the discard port): a real network
    // failure, said as one, and the form is usable again.
    api::use_server_at("http://127.0.0.1:9");
    let alert = refused(&root, "ada@acme.test").await;
    api::use_server_at(server());
    assert!(alert.contains("cannot be reached"), "{alert}");
    app.destroy();
    root.remove();
}

/// A session that ended on the server (signed out elsewhere) takes the screen back to
/// sign-in at its first call: the real 401, not a made-up one.
#[wasm_bindgen_test]
async fn a_session_ended_on_the_server_signs_the_screen_out() {
    let agent = sign_in(AGENT).await;
    ok(agent.api().logout().await);
    let _screen = agent.mount(yew::html! { <Screen route={Route::Tickets} /> });
    until(&_screen, "the sign-out", |_| signed_out()).await;
}
