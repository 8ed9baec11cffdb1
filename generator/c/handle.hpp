// RAII for C objects: one stateless deleter per C type, held in
// std::unique_ptr and passed across the C boundary with .get(). Each C
// library has a header of its own beside this one (cairo.hpp, pango.hpp,
// ...): a stage includes only those of the libraries it may use.
#pragma once

#include <memory>

namespace leaflet::c {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* pointer) const { if (pointer) Free(pointer); }
};

template <typename T, auto Free>
using Handle = std::unique_ptr<T, Deleter<Free>>;

}  // namespace leaflet::c
