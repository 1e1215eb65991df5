# Least privilege for the 254Carbon readiness backend in Vault: what the Vault source reads
# (plugins/readiness-backend/src/sources/vault/VaultCollector.ts) and nothing more.
# Adjust the mount names if yours differ from readiness.sources.vault.authMount (kubernetes)
# and kvMount (secret). There is deliberately no rule on secret/data/: no secret value is read.
# A test parses this file with the suite's own policy parser and judges it
# (test/src/deploy/leastPrivilege.test.ts).

# Seal and health status (also answered without a token).
path "sys/health" {
  capabilities = ["read"]
}

# Kubernetes auth roles: which service accounts each role binds, its policies and TTLs.
path "auth/kubernetes/role" {
  capabilities = ["list"]
}
path "auth/kubernetes/role/*" {
  capabilities = ["read"]
}

# ACL policies: the paths and capabilities each service's policy grants.
path "sys/policies/acl" {
  capabilities = ["list"]
}
path "sys/policies/acl/*" {
  capabilities = ["read"]
}

# KV v2: key names under each service's path, never their values.
path "secret/metadata/*" {
  capabilities = ["list"]
}
