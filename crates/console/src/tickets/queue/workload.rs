//! The workload beside the queue: per agent and tenant, the open tickets, those due soon and
//! those already late.

use std::rc::Rc;

use panelcare_model::{console::TenantInfo, ticket::console::Workload};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WorkloadTableProps {
    pub load: Rc<Vec<Workload>>,
    /// For the tenants' names.
    pub tenants: Rc<Vec<TenantInfo>>,
}

#[component]
pub fn WorkloadTable(props: &WorkloadTableProps) -> Html {
    if props.load.is_empty() {
        return html! {};
    }
    let tenant_name = |id: &str| {
        props
            .tenants
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    html! {
        <>
            <h2 class="c-subtitle">{ "Workload" }</h2>
            <table class="c-table c-workload">
                <thead><tr><th scope="col">{ "Agent" }</th><th scope="col">{ "Tenant" }</th><th scope="col">{ "Open" }</th><th scope="col">{ "Due soon" }</th><th scope="col">{ "Breached" }</th></tr></thead>
                <tbody>{ for props.load.iter().map(|w| html! {
                    <tr>
                        <td>{ w.agent.as_ref().map_or("Unassigned", |a| a.name.as_str()) }</td>
                        <td>{ tenant_name(&w.tenant_id) }</td><td>{ w.open }</td><td>{ w.due_soon }</td>
                        <td class={(w.breached > 0).then_some("c-late")}>{ w.breached }</td>
                    </tr>
                }) }</tbody>
            </table>
        </>
    }
}
