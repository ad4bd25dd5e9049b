//! Sending what a form asks ([`Ask`]) and showing how it went: the idea the server answers,
//! or its refusal at the fields it names, with focus where the work goes on.

use panelcare_model::ideas::{IdeaVisibility, QueuedIdea};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    Ask, is_not_found,
    state::{Action, IdeaState, Shown},
    text,
};
use crate::{api::ApiError, console::Console, focus, form, latest::Latest};

/// The fields the idea's forms have a place for; a message for any other is said above them.
const SHOWN: [&str; 5] = ["title", "body", "status", "answer", "into"];

/// What to say after a merge that moved `moved` votes into the idea titled `title`.
fn merged(title: &str, moved: i64) -> String {
    let votes = match moved {
        0 => "no votes moved (everyone who voted for this one had voted for it already)".into(),
        n => format!(
            "{} moved to it (a customer who voted for both counts once)",
            text::votes(n)
        ),
    };
    format!("Merged into “{title}”: {votes}. This idea's voters were told, and it left the board.")
}

/// Merges `id` into `into` and reads `id` again; the merge stands if that read fails, so the
/// screen then shows what the server is known to have made of it.
async fn merge(
    console: &Console,
    was: Option<QueuedIdea>,
    id: &str,
    into: &str,
    title: &str,
    votes: i64,
) -> Result<(QueuedIdea, String), ApiError> {
    let target = console.api.merge_idea(id, into).await?;
    let said = merged(title, target.votes - votes);
    let now = match (console.api.idea(id).await, was) {
        (Ok(idea), _) => idea,
        (Err(e), Some(mut was)) if !e.is_signed_out() => {
            was.visibility = IdeaVisibility::Merged;
            was.merged_into = Some(into.to_owned());
            was.votes = 0;
            was
        }
        (Err(e), _) => return Err(e),
    };
    Ok((now, said))
}

fn refused(console: &Console, state: &UseReducerHandle<IdeaState>, e: ApiError) {
    if is_not_found(&e) {
        let said = "Not found: this idea, or the one chosen to merge into, is not there any more \
                    (or not of a tenant you work for). Open the queue again.";
        state.dispatch(Action::Refused(said.into(), Vec::new()));
        return;
    }
    let Some(e) = console.failed(e) else { return };
    let fields = form::field_errors(&e);
    let said = form::general_message(&e, &SHOWN)
        .unwrap_or_else(|| "Nothing was saved: fix the fields marked below.".into());
    match fields.first() {
        Some(f) if SHOWN.contains(&f.field.as_str()) => {
            focus::later(format!("c-idea-f-{}", f.field));
        }
        _ => focus::later_if_lost("c-idea-said"),
    }
    state.dispatch(Action::Refused(said, fields));
}

/// A callback that does what a form asks of idea `id`. An answer that comes after the screen
/// moved to another idea is dropped.
pub fn asker(
    console: Console,
    state: UseReducerHandle<IdeaState>,
    latest: Latest,
    id: AttrValue,
) -> Callback<Ask> {
    Callback::from(move |ask: Ask| {
        let (console, state, id, latest) =
            (console.clone(), state.clone(), id.clone(), latest.clone());
        let was = match &state.idea {
            Shown::Loaded(i) => Some((**i).clone()),
            _ => None,
        };
        let mine = latest.start();
        state.dispatch(Action::Busy);
        spawn_local(async move {
            let outcome = match ask {
                Ask::Change(change, said) => console
                    .api
                    .change_idea(&id, &change)
                    .await
                    .map(|idea| (idea, said.to_owned())),
                Ask::Merge { into, title, votes } => {
                    merge(&console, was, &id, &into, &title, votes).await
                }
            };
            if !latest.is_newest(mine) {
                return;
            }
            match outcome {
                Ok((idea, said)) => {
                    state.dispatch(Action::Done(idea, said));
                    // The button used may be gone (publish, merge): back to the idea's title.
                    focus::later_if_lost("c-idea-heading");
                }
                Err(e) => refused(&console, &state, e),
            }
        });
    })
}

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn a_merge_says_how_many_votes_moved() {
        assert_eq!(
            merged("PHP 8.4", 1),
            "Merged into “PHP 8.4”: 1 vote moved to it (a customer who voted for both counts \
             once). This idea's voters were told, and it left the board."
        );
        assert!(merged("PHP 8.4", 3).contains("3 votes moved"));
        assert!(merged("PHP 8.4", 0).contains("no votes moved"));
    }
}
