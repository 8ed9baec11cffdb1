// An ordered parallel map: the products of a build, the files it writes.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace leaflet {

// What one item gave: its result, filled in as far as the function got,
// and the exception it ended with, if any.
template <typename Result>
struct Outcome {
    Result result{};
    std::exception_ptr error;
};

// function(items[i], result) for every item, on up to `jobs` threads (the
// calling one among them; 0: one per core), each taking the next item in
// turn. The outcomes stand at their items' indexes: what comes out does not
// depend on which thread did what.
template <typename Result, typename Item, typename Function>
std::vector<Outcome<Result>> parallel_map(const std::vector<Item>& items, unsigned jobs, Function function)
{
    std::vector<Outcome<Result>> outcomes(items.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < items.size(); i = next++) {
            try {
                function(items[i], outcomes[i].result);
            } catch (...) {
                outcomes[i].error = std::current_exception();
            }
        }
    };
    const unsigned wanted = jobs ? jobs : std::thread::hardware_concurrency();
    const unsigned threads = std::max(1u, std::min<unsigned>(wanted, static_cast<unsigned>(items.size())));
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < threads; ++i) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
    return outcomes;
}

}  // namespace leaflet
