// What the preview keeps between rebuilds, so that a change to one file costs about one file's
// work: the Memo the stages ask (Build/Memo.swift). Every value is kept with the key it was made
// from and given back only while that key is unchanged; the preview forgets the page slots
// itself when something besides a body changed (DevelopmentSite.swift).

import Foundation
import WaymarkCore
import WaymarkModel

public final class BuildCache: Memo, @unchecked Sendable {
    private struct Kept {
        var key: any Sendable
        var value: any Sendable
    }
    private var kept: [MemoSlot: [String: Kept]] = [:]
    private let lock = NSLock()
    /// How many values each slot gave back instead of making them again (for tests and timings).
    private var hitCounts: [MemoSlot: Int] = [:]

    public init() {}

    public func value<Key: Equatable & Sendable, Value: Sendable>(_ slot: MemoSlot, _ id: String, madeFrom key: Key,
                                                                  _ make: () -> Value) -> Value {
        let known = lock.withLock { kept[slot]?[id] }
        if let known, let knownKey = known.key as? Key, knownKey == key, let value = known.value as? Value {
            lock.withLock { hitCounts[slot, default: 0] += 1 }
            return value
        }
        let value = make()
        lock.withLock { kept[slot, default: [:]][id] = Kept(key: key, value: value) }
        return value
    }

    /// How many values `slot` gave back so far.
    public func hits(_ slot: MemoSlot) -> Int { lock.withLock { hitCounts[slot] ?? 0 } }

    /// Drops what the slots keep: for values whose keys do not hold everything they depend on.
    public func forget(_ slots: [MemoSlot]) {
        lock.withLock { for slot in slots { kept[slot] = nil } }
    }
}
