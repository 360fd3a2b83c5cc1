// What the preview keeps between rebuilds, so that a change to one file costs about one file's
// work: the Memo the stages ask (Build/Memo.swift). Every value is kept with the key it was made
// from and given back only while that key is unchanged; the preview forgets the page slots
// itself when something besides a body changed (DevelopmentSite.swift).

import Foundation
import WaymarkCore
import WaymarkModel

public final class BuildCache: Memo, @unchecked Sendable {
    /// A value and its key, kept in a class so that asking costs one cast of a reference: a
    /// large site asks thousands of times a rebuild, and copying each key and value out of an
    /// `Any` to compare them was a third of a rebuild's work.
    private final class Kept<Key, Value> {
        let key: Key
        let value: Value
        init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// A share of the ids, with its own lock: a stage's workers ask at the same time, and one
    /// lock for all made them wait for each other.
    private final class Stripe: @unchecked Sendable {
        let lock = PlainLock()
        /// Indexed by the slot's position in `MemoSlot.allCases`.
        var kept: [[String: AnyObject]] = Array(repeating: [:], count: BuildCache.slots.count)
        var hits: [Int] = Array(repeating: 0, count: BuildCache.slots.count)
    }

    private let stripes = (0..<32).map { _ in Stripe() }
    private static let slots = MemoSlot.allCases

    public init() {}

    private static func index(_ slot: MemoSlot) -> Int { slots.firstIndex(of: slot) ?? 0 }

    /// The stripe of an id, from its last bytes (where the ids of pages differ).
    private func stripe(_ id: String) -> Stripe {
        var hash = id.utf8.count
        for byte in id.utf8.suffix(16) { hash = hash &* 31 &+ Int(byte) }
        return stripes[(hash & Int.max) % stripes.count]
    }

    public func value<Key: Equatable & Sendable, Value: Sendable>(_ slot: MemoSlot, _ id: String, madeFrom key: Key,
                                                                  _ make: () -> Value) -> Value {
        let n = BuildCache.index(slot)
        let stripe = stripe(id)
        // Keys are compared inside the lock; they share storage with the kept ones, so that is quick.
        let known = stripe.lock.withLock { () -> Kept<Key, Value>? in
            guard let entry = stripe.kept[n][id] as? Kept<Key, Value>, entry.key == key else { return nil }
            stripe.hits[n] += 1
            return entry
        }
        if let known { return known.value }
        let value = make()
        let entry = Kept(key: key, value: value)
        stripe.lock.withLock { stripe.kept[n][id] = entry }
        return value
    }

    /// How many values `slot` gave back so far.
    public func hits(_ slot: MemoSlot) -> Int {
        let n = BuildCache.index(slot)
        return stripes.reduce(0) { total, stripe in total + stripe.lock.withLock { stripe.hits[n] } }
    }

    /// Drops what the slots keep: for values whose keys do not hold everything they depend on.
    public func forget(_ slots: [MemoSlot]) {
        for stripe in stripes {
            stripe.lock.withLock { for slot in slots { stripe.kept[BuildCache.index(slot)] = [:] } }
        }
    }
}

/// A pthread mutex: the memo is asked tens of thousands of times a rebuild, from every core, and
/// Foundation's NSLock cost several times as much for each turn on Linux.
final class PlainLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
