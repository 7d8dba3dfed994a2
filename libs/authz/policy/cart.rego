# Carteria cart access, for an Open Policy Agent serving RemoteCartPolicy (AUTHZ_URL).
#
# The same table as ScopeCartPolicy (libs/authz/README.md, "Who may do what"), in Rego v1
# (OPA 1.x). Documentation for operators: Carteria ships it but never executes it.
#
# Carteria asks:  POST /v1/data/carteria/cart
#                 {"input": {"subject": "<user uuid>", "scopes": ["carts:read", ...],
#                            "action": "cart.read", "ownerId": "<user uuid>" | null}}
# and reads result.allow. Only `true` allows; an undefined or non-boolean `allow` denies.
#
# Load it with e.g.  opa run --server --addr 127.0.0.1:8181 libs/authz/policy/cart.rego
# and check it with  opa check libs/authz/policy/cart.rego   (OPA 1.x; Rego v1 is its default)
package carteria.cart

default allow := false

# Per action: which scopes grant it on anyone's cart. Every known action is also granted to the owner.
granted_by := {
	"cart.create": {"carts:admin"},
	"cart.read": {"carts:read", "carts:admin"},
	"cart.change": {"carts:admin"},
	"cart.delete": {"carts:admin"},
	"cart.checkout": {"carts:checkout", "carts:admin"},
	"carts.list": {"carts:read", "carts:admin"},
}

# Unknown actions grant nothing, not even to the owner.
known_action if granted_by[input.action]

# Ownership never grants anything on a guest cart (ownerId null) or to an empty subject.
owns if {
	is_string(input.ownerId)
	is_string(input.subject)
	input.subject != ""
	input.ownerId == input.subject
}

allow if {
	known_action
	owns
}

# Scope names match exactly; unknown scopes grant nothing.
allow if {
	some scope in input.scopes
	scope in granted_by[input.action]
}
