# shellcheck shell=bash
# Local certificate authority and the server certificate for 127.0.0.1.
#
# WooCommerce accepts API keys over HTTP Basic Auth only when is_ssl() is true,
# so the shop must speak real HTTPS. Clients trust .shop/tls/ca.pem
# (curl --cacert, NODE_EXTRA_CA_CERTS). Generated once, then reused.

ensure_tls() {
	mkdir -p "${SHOP_TLS}"
	chmod 700 "${SHOP_TLS}"
	[[ -s ${SHOP_TLS}/ca.pem && -s ${SHOP_TLS}/ca-key.pem ]] || create_ca
	[[ -s ${SHOP_TLS}/server.pem && -s ${SHOP_TLS}/server-key.pem ]] || create_server_cert
	chmod 644 "${SHOP_TLS}/ca.pem" "${SHOP_TLS}/server.pem"
	chmod 755 "${SHOP_TLS}"
}

create_ca() {
	log "creating the local certificate authority (${SHOP_TLS}/ca.pem)"
	openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 \
		-keyout "${SHOP_TLS}/ca-key.pem" -out "${SHOP_TLS}/ca.pem" \
		-subj "/O=Flashnode Connector development/CN=Flashnode Local Test CA" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	chmod 600 "${SHOP_TLS}/ca-key.pem"
	# A new CA invalidates any older server certificate.
	rm -f "${SHOP_TLS}/server.pem" "${SHOP_TLS}/server-key.pem"
}

create_server_cert() {
	local ext="${SHOP_TLS}/server.ext"
	log "creating the server certificate for 127.0.0.1 and localhost"
	cat >"${ext}" <<-EXT
		basicConstraints=CA:FALSE
		keyUsage=critical,digitalSignature,keyEncipherment
		extendedKeyUsage=serverAuth
		subjectAltName=IP:127.0.0.1,DNS:localhost
	EXT
	openssl req -new -newkey rsa:2048 -nodes -sha256 \
		-keyout "${SHOP_TLS}/server-key.pem" -out "${SHOP_TLS}/server.csr" \
		-subj "/CN=127.0.0.1" 2>/dev/null
	# 825 days: the longest validity browsers accept for a server certificate.
	openssl x509 -req -sha256 -days 825 -in "${SHOP_TLS}/server.csr" \
		-CA "${SHOP_TLS}/ca.pem" -CAkey "${SHOP_TLS}/ca-key.pem" -CAcreateserial \
		-extfile "${ext}" -out "${SHOP_TLS}/server.pem" 2>/dev/null
	chmod 600 "${SHOP_TLS}/server-key.pem"
	rm -f "${SHOP_TLS}/server.csr" "${ext}"
}

# ensure_ca_bundle: WordPress's own CA bundle plus our CA, so WordPress can
# call itself over HTTPS (the test-stack mu-plugin passes it to WP_Http).
ensure_ca_bundle() {
	local tmp="${SHOP_TLS}/bundle.pem.tmp"
	cat "${SHOP_WP}/wp-includes/certificates/ca-bundle.crt" "${SHOP_TLS}/ca.pem" >"${tmp}"
	if install_if_changed "${tmp}" "${SHOP_TLS}/bundle.pem"; then
		chmod 644 "${SHOP_TLS}/bundle.pem"
	fi
	rm -f "${tmp}"
}
