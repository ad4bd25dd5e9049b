//! The filter row above a list (the ticket queue, the feedback inbox): labelled selects with
//! an "Any" choice, each changing one field of the list's filters.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A change handler that sets one field of the filters in `state` to the chosen value.
pub fn pick<F: Clone + 'static>(
    state: &UseStateHandle<F>,
    set: fn(&mut F, String),
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let mut f = (*state).clone();
        set(
            &mut f,
            e.target_unchecked_into::<HtmlSelectElement>().value(),
        );
        state.set(f);
    })
}

/// A labelled select of `(value, name)` options after "Any" (the empty value).
pub fn select(
    id: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(String, String)>,
    onchange: Callback<Event>,
) -> Html {
    select_with_any(id, label, value, options, "Any", onchange)
}

/// [`select`] whose empty choice is named `any` ("Any language", "All tenants").
pub fn select_with_any(
    id: &'static str,
    label: &'static str,
    value: &str,
    options: Vec<(String, String)>,
    any: &'static str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="c-filter">
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                <option value="" selected={value.is_empty()}>{ any }</option>
                { for options.into_iter().map(|(v, name)| html! { <option value={v.clone()} selected={v == value}>{ name }</option> }) }
            </select>
        </div>
    }
}
