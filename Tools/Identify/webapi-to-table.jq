# Turns Dataverse Web API responses ({"value": [...]}, one or more pages) into the JSON array of rows that
# `identify replay --data` reads. Request the lookup table names with the header
#   Prefer: odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"
# Usage: jq -s -f webapi-to-table.jq contacts-page*.json > data/contact.json
# A lookup _x_value becomes x: {"logicalName", "id"}; annotations (keys with '@') are dropped; nulls are kept
# (identify reads null as an empty column).
[ .[].value[] as $row
  | $row
  | to_entries
  | map(select(.key | contains("@") | not))
  | map(
      if (.key | test("^_.+_value$")) and .value != null then
        { key: (.key | capture("^_(?<name>.+)_value$").name),
          value: { logicalName: $row[.key + "@Microsoft.Dynamics.CRM.lookuplogicalname"], id: .value } }
      elif (.key | test("^_.+_value$")) then
        { key: (.key | capture("^_(?<name>.+)_value$").name), value: null }
      else . end)
  | from_entries ]
