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
    /// page-by-page settings). A worker keeps its results in its own list and hands them over
    /// once: a lock for every item was a tenth of a preview's rebuild, asked thousands of times.
    static func map<State: Sendable, Item: Sendable, Value: Sendable>(_ items: [Item], state: State, smallest: Int = 8,
                                                                       _ transform: @escaping @Sendable (inout State, Item) -> Value) -> [Value] {
        let workers = workers(for: items.count, smallest: smallest)
        let lists = ResultSlots<[Value]>(count: workers)
        run(workers: workers) { worker in
            var state = state
            var mine: [Value] = []
            mine.reserveCapacity(items.count / workers + 1)
            for index in stride(from: worker, to: items.count, by: workers) { mine.append(transform(&state, items[index])) }
            lists[worker] = mine
        }
        // Worker w did items w, w + workers, ...: dealt back in the items' order.
        let done = lists.values.map { $0 ?? [] }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for index in 0..<items.count { values.append(done[index % workers][index / workers]) }
        return values
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
