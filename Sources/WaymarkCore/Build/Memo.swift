// What a stage may take from an earlier run instead of working it out again. The stages know
// only this protocol; the preview's rebuilds (Rebuild/) supply the one that remembers, and a
// one-off build supplies none. Keeping the stages ignorant of who remembers is what lets the
// incremental build sit on top of the pipeline instead of inside it.

import WaymarkModel

/// The kinds of work a stage remembers, each a separate space of ids.
public enum MemoSlot: String, Sendable, CaseIterable {
    /// A content file parsed by Load, by its path in the content folder.
    case loadedFile
    /// The compiled templates of every language (one entry).
    case templates
    /// A module's coverage cells, by the module's path.
    case coverage
    /// A page's reading figures, by output path.
    case readability
    /// A file's words-to-avoid findings, by the file as shown in diagnostics.
    case wordsToAvoid
    /// A page's search entry, and an entry's JSON, by the page's address.
    case searchEntry, searchJSON
    /// A rule's findings in one file or page, by the rule and the file, kept with the text they
    /// read. Only valid while nothing but bodies changed (the rules also read site.yml and front
    /// matter): the memo's owner forgets this slot otherwise (`keyedByTextAlone`).
    case documentFindings
    /// One rule's findings on one page, by output path: a slot each, so that no id is made by
    /// joining strings (a large site asks for thousands at every rebuild). Valid as
    /// `documentFindings` is.
    case linkFindings, signpostFindings, safetyFindings, panelFindings
    /// What is made from the site's shape alone (the plan; the pages each search index lists),
    /// by name. Only valid while nothing but bodies changed: the memo's owner forgets it then.
    case shape
    /// A file made from the whole site (the sitemap, a search index), by its path in the site.
    case wholeSiteFile
    /// A page's converted Markdown bodies, facts and findings, by output path. Only valid while
    /// no title, setting or address changed: the memo's owner forgets this slot when one did.
    case pageBodies
    /// A page's finished HTML, by output path; the same caution applies.
    case pageHTML
}

extension MemoSlot {
    /// The slots whose keys hold only the text a value is made from, not the settings, titles
    /// and addresses it also depends on: the memo's owner forgets them when any of those change.
    public static let keyedByTextAlone: [MemoSlot] = [.shape, .pageBodies, .pageHTML, .documentFindings, .linkFindings,
                                                      .signpostFindings, .safetyFindings, .panelFindings, .searchEntry]
}

/// Work kept between runs. `value` gives what was made last time for `id` in `slot` when it was
/// made from a key equal to `key`, and otherwise makes it (and keeps it for next time). Keys are
/// compared by value; a key that shares storage with the last one (an unchanged file's parsed
/// body) compares in no time.
public protocol Memo: AnyObject, Sendable {
    func value<Key: Equatable & Sendable, Value: Sendable>(_ slot: MemoSlot, _ id: String, madeFrom key: Key,
                                                           _ make: () -> Value) -> Value
}

/// `make()`, or the memo's kept value when there is a memo: what the stages call.
@inline(__always)
func remembered<Key: Equatable & Sendable, Value: Sendable>(_ memo: (any Memo)?, _ slot: MemoSlot, _ id: String,
                                                            madeFrom key: @autoclosure () -> Key, _ make: () -> Value) -> Value {
    guard let memo else { return make() }
    return memo.value(slot, id, madeFrom: key(), make)
}
