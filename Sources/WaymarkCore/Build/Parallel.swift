// Running independent work on every core: pages render, files load and pages are measured in
// parallel, each result in its own slot, gathered afterwards in a fixed order so that nothing
// about the output depends on timing.

import Foundation
import WaymarkModel

/// Slots that parallel workers fill, each at its own index.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { slots } }
}

/// The next items to work on, handed out a few at a time to whichever worker asks.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int
    private let chunk: Int

    init(count: Int, chunk: Int) {
        self.count = count
        self.chunk = chunk
    }

    func next() -> Range<Int>? {
        lock.withLock {
            guard taken < count else { return nil }
            let start = taken
            taken = min(count, taken + chunk)
            return start..<taken
        }
    }
}

/// Where the results go: each index is written by exactly one worker, before `run` returns.
private struct Places<Value>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Value>
}

/// Runs work on several threads at once and waits for all of them. Plain threads, because
/// `DispatchQueue.concurrentPerform` called from the command's Swift concurrency task was seen
/// to run everything on one core on Linux.
enum Parallel {
    static func run(workers: Int, _ work: @escaping @Sendable (Int) -> Void) {
        guard workers > 1 else { work(0); return }
        let done = DispatchSemaphore(value: 0)
        for worker in 1..<workers {
            let thread = Thread {
                work(worker)
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        work(0)
        for _ in 1..<workers { done.wait() }
    }
}

extension Parallel {
    /// How many workers for `count` items: every core, but not for a handful of items.
    static func workers(for count: Int, smallest: Int = 8) -> Int {
        min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, count / smallest))
    }

    /// `transform` applied to every item on every core; the results in the items' order.
    /// - Parameter smallest: the fewest items worth a worker of their own.
    static func map<Item: Sendable, Value: Sendable>(_ items: [Item], smallest: Int = 8,
                                                     _ transform: @escaping @Sendable (Item) -> Value) -> [Value] {
        map(items, state: (), smallest: smallest) { _, item in transform(item) }
    }

    /// The same, each worker with its own copy of `state` to change as it goes (a renderer's
    /// page-by-page settings).
    ///
    /// Workers take the next few items as they finish the last ones, rather than a fixed share
    /// each: with fixed shares, one worker slowed by anything (a lazily read table, a busy
    /// core on a shared machine) kept the whole stage on one core for its last tenth. Each
    /// result goes straight into its own place in the answer, so no lock is taken per item.
    static func map<State: Sendable, Item: Sendable, Value: Sendable>(_ items: [Item], state: State, smallest: Int = 8,
                                                                       _ transform: @escaping @Sendable (inout State, Item) -> Value) -> [Value] {
        let workers = workers(for: items.count, smallest: smallest)
        guard workers > 1 else {
            var state = state
            return items.map { transform(&state, $0) }
        }
        // Small enough that the last ones to finish finish together, large enough that the
        // lock is taken rarely.
        let chunk = max(1, min(32, items.count / (workers * 32)))
        let queue = WorkQueue(count: items.count, chunk: chunk)
        return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let places = Places(base: buffer.baseAddress!)
            run(workers: workers) { _ in
                var state = state
                while let range = queue.next() {
                    for index in range { (places.base + index).initialize(to: transform(&state, items[index])) }
                }
            }
            initialized = items.count
        }
    }

    /// Two pieces of work at once, each with how long it took.
    static func both<A: Sendable, B: Sendable>(_ first: @escaping @Sendable () -> A,
                                               _ second: @escaping @Sendable () -> B) -> ((value: A, seconds: Double), (value: B, seconds: Double)) {
        let firstResult = ResultSlots<(A, Double)>(count: 1), secondResult = ResultSlots<(B, Double)>(count: 1)
        run(workers: 2) { worker in
            let started = Date()
            if worker == 0 {
                let value = first()
                firstResult[0] = (value, Date().timeIntervalSince(started))
            } else {
                let value = second()
                secondResult[0] = (value, Date().timeIntervalSince(started))
            }
        }
        guard let a = firstResult[0], let b = secondResult[0] else { preconditionFailure("both report before `run` returns") }
        return ((a.0, a.1), (b.0, b.1))
    }
}
