#include "json/diagnostic.hpp"

#include "json/json_writer.hpp"

namespace kkpham {

std::string failure_json(const Diagnostics& diagnostics) {
    auto write = [](JsonWriter& w, const Diagnostic& d) {
        w.begin_object().key("code").string(d.code).key("path").string(d.path).key("line").integer(d.line)
            .key("column").integer(d.column).key("message").begin_object().key("id").string(d.message_id)
            .key("en").string(d.message_en).end_object().end_object();
    };
    JsonWriter w;
    w.begin_object().key("ok").boolean(diagnostics.ok());
    w.key("errors").begin_array();
    for (const Diagnostic& e : diagnostics.errors()) write(w, e);
    w.end_array();
    w.key("warnings").begin_array();
    for (const Diagnostic& e : diagnostics.warnings()) write(w, e);
    w.end_array();
    if (diagnostics.truncated()) w.key("truncated").boolean(true);
    w.end_object();
    return w.take();
}

}  // namespace kkpham
