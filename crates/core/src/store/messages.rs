//! Every sentence the store shows a reader, in one place: what went wrong
//! or what happened, and what to do next.

use crate::text::numbers::group_thousands;

/// A change refused while the article is read-only.
pub fn read_only(why: &str) -> String {
    format!("Read-only: {why}")
}

/// A note cut at `max` characters.
pub fn note_cut(max: usize) -> String {
    format!("Notes are at most {} characters; the rest was not kept. Split a long note over several annotations.", group_thousands(max))
}

/// After a deletion.
pub const ANNOTATION_DELETED: &str = "Annotation deleted. Undo with Ctrl+Z.";

/// A label name already used.
pub fn label_name_taken(name: &str) -> String {
    format!("There is already a label called “{name}”.")
}

/// A label still in use cannot be deleted.
pub fn label_in_use(used: usize) -> String {
    format!("This label is used by {used} annotation(s); relabel them first.")
}

/// Another tab's changes were taken.
pub const UPDATED_ELSEWHERE: &str = "Updated with changes made in another tab.";

/// A read-only share link was used to change something.
pub const SHARED_READ_ONLY: &str = "This article was shared with you read-only: ask for the write link to annotate it.";

/// Another reader deleted an annotation someone was editing: it was kept.
pub const SHARED_RESTORED: &str = "An annotation another reader deleted was kept, because someone edited it at the same time.";

/// Why saving stopped: a newer schema in storage (short, after "Read-only: ").
pub fn newer_schema_short(schema: u64) -> String {
    format!("saved by a newer version of Marginalia (schema {schema})")
}

/// Why the article opened read-only: a newer schema in storage.
pub fn newer_schema(schema: u64) -> String {
    format!("This article was saved by a newer version of Marginalia (schema {schema}). Update or reload the app; nothing is saved meanwhile.")
}

/// The reason recorded when the stored copy could not be read.
pub const STORED_COPY_UNREADABLE: &str = "the saved copy could not be read";

/// Items of a stored record that could not be read.
pub fn unreadable_items(skipped: usize) -> String {
    format!("{skipped} saved item(s) of this article could not be read; they are kept aside, not deleted, and included in exports.")
}

/// Parked saves that failed (`titles`: the articles, with their errors).
pub fn outbox_failed(titles: &[String]) -> String {
    format!(
        "Your latest changes to {} could not be saved. They are kept in this tab: open that article again to retry, or export it.",
        titles.join(", ")
    )
}

/// One parked article that failed to save, for [`outbox_failed`].
pub fn outbox_failed_item(title: &str, error: &str) -> String {
    format!("“{title}” ({error})")
}

/// The first sentence of an import summary.
pub fn imported(count: usize, file: &str, replaced: bool) -> String {
    format!("{count} imported from “{file}”{}", if replaced { " (replacing the previous annotations)" } else { "" })
}

/// Unreadable items of an import, with the first reason.
pub fn import_unreadable(count: usize, first: &str) -> String {
    format!("{count} unreadable (first: {first})")
}

/// Skipped items of an import, with their reasons.
pub fn import_skipped(count: usize, reasons: &[String]) -> String {
    format!("{count} skipped: {}", reasons.join("; "))
}

/// The embedded widget found its saved notes on a text that has changed
/// since (a publisher's edit).
pub fn page_text_changed() -> String {
    "This article has changed since your notes were saved. Notes found elsewhere in it are marked as moved; notes whose passage is gone are listed as not found, never deleted.".to_string()
}

/// The embedded widget could not read this page's saved notes; `copy` is
/// where the unreadable record was kept.
pub fn page_unreadable(why: &str, copy: Option<&str>) -> String {
    match copy {
        Some(key) => format!("Your saved notes for this page could not be read ({why}). They were kept in browser storage under “{key}”; new notes start afresh."),
        None => format!("Your saved notes for this page could not be read ({why}). New notes will not be saved until storage works again."),
    }
}

/// A change refused because the host page shows its annotations read-only.
pub const PAGE_READ_ONLY: &str = "This page shows its annotations read-only.";

/// Switching a page's reading is refused while its saved copy is read-only.
pub fn read_only_switch() -> String {
    "This article is read-only here, so it cannot switch between the article and the whole page. Open it in the newer version of Marginalia that saved it.".to_string()
}
