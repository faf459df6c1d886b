// The offices (OPD) of a CSV form: the `offices` column (office ids or names, separated by '|',
// ';' or ','), and the pack's list of offices they are read against. Internal to forms/
// (csv_import.cpp). See criteria/README.md §4.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "forms/csv_cells.hpp"
#include "json/diagnostic.hpp"
#include "model/pack.hpp"

namespace kkpham::csv_cells {

class CsvOffices {
public:
    // The list comes from options["offices"] when given, else from the base document's `offices`.
    // `offices_column`: the form has an `offices` column, which makes a list (from the names used)
    // even when there is none to start from.
    CsvOffices(const json& document, const json& options, bool offices_column, Diagnostics& diagnostics);

    bool declared() const { return declared_; }
    // A right copied from the base pack: its offices, when they are in the list.
    void right_from_base(json& right, const Right& base_right, const Pack& base) const;
    // Sets target["offices"] (a list) or target["opd"] (no list) from one row's cell.
    void assign(json& target, const std::string& cell, int line);
    // Writes the list into the pack document (when there is one).
    void finish(json& document) const;

private:
    std::string id_for(const std::string& name, int line);

    Diagnostics& diag_;
    bool declared_ = false;
    json list_ = json::array();
    std::map<std::string, std::string> keys_;  // office_key() of ids, names and aliases -> office id
};

}  // namespace kkpham::csv_cells
