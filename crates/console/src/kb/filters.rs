//! The filters above the articles: tenant (when there are several), language, published or
//! draft, and words in the title or text.

use std::rc::Rc;

use panelcare_model::{Lang, console::TenantInfo};
use yew::prelude::*;

use super::state::Filters;
use crate::{filters, form, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KbFiltersProps {
    pub filters: Filters,
    pub tenants: Rc<Vec<TenantInfo>>,
    pub on_change: Callback<Filters>,
}

#[component]
pub fn KbFilters(props: &KbFiltersProps) -> Html {
    // A callback that sets one field of the filters.
    let pick = |set: fn(&mut Filters, String)| {
        let (filters, on_change) = (props.filters.clone(), props.on_change.clone());
        Callback::from(move |value: String| {
            let mut f = filters.clone();
            set(&mut f, value);
            on_change.emit(f);
        })
    };
    let on_select = |set| pick(set).reform(|e: Event| form::select_value(&e));
    let f = &props.filters;
    let tenant_options = props
        .tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let lang_options = Lang::ALL
        .iter()
        .map(|l| (l.tag().to_owned(), text::language(l.tag()).to_owned()))
        .collect();
    let state_options = vec![
        ("published".to_owned(), "Published".to_owned()),
        ("draft".to_owned(), "Draft".to_owned()),
    ];
    html! {
        <div class="c-filters">
            if props.tenants.len() > 1 {
                { filters::select_with_any("c-kb-f-tenant", "Tenant", &f.tenant, tenant_options, "All tenants", on_select(|f, v| f.tenant = v)) }
            }
            { filters::select_with_any("c-kb-f-lang", "Language", &f.lang, lang_options, "Any language", on_select(|f, v| f.lang = v)) }
            { filters::select_with_any("c-kb-f-state", "State", &f.state, state_options, "Published and drafts", on_select(|f, v| f.state = v)) }
            <div class="c-filter">
                <label for="c-kb-f-words">{ "Words" }</label>
                <input id="c-kb-f-words" type="search" value={f.words.clone()}
                    oninput={pick(|f, v| f.words = v).reform(|e: InputEvent| form::input_value(&e))} />
            </div>
        </div>
    }
}
