# Sourced by demo.sh and bench.sh: a local stand-in for the platform's side on this machine.
# A real OpenSSH sshd on 127.0.0.1 (SFTP only, its own host key and authorized key), a test CA and
# signing certificate made with openssl, and the platform simulator judging what lands in IN/INTEST.
# Everything lives under $WORK; every process started is killed by local_platform_stop.

LOCAL_PIDS=()

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# local_platform_start WORK BIN [simulator options...]: sshd, test CA and the simulator.
local_platform_start() {
    local_sshd_start "$1" "$2"
    local_pki_make
    shift 2
    local_simulator_start "$@"
}

# local_sshd_start WORK BIN: only the SFTP server (sets WORK, BIN, SSH_PORT, SSH_FINGERPRINT).
local_sshd_start() {
    WORK=$1; BIN=$2
    mkdir -p "$WORK"/{keys,pki,sftp,simulator-state}
    for folder in IN OUT INTEST OUTTEST INTEST-S OUTTEST-S; do mkdir -p "$WORK/sftp/$folder"; done
    ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/host_ed25519" -C fladaemon-local-host
    ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/client_ed25519" -C fladaemon-local-client
    cp "$WORK/keys/client_ed25519.pub" "$WORK/keys/authorized_keys"
    SSH_PORT=$(free_port)
    SSH_FINGERPRINT=$(ssh-keygen -l -E sha256 -f "$WORK/keys/host_ed25519.pub" | awk '{print $2}')
    cat > "$WORK/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/keys/host_ed25519
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/keys/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin yes
StrictModes no
UsePAM no
AllowUsers $(id -un)
Subsystem sftp internal-sftp
ForceCommand internal-sftp -d $WORK/sftp
CONF
    mkdir -p /run/sshd
    /usr/sbin/sshd -D -e -f "$WORK/sshd_config" 2>"$WORK/sshd.log" &
    LOCAL_PIDS+=($!)
    wait_for_port "$SSH_PORT"
}

# local_pki_make: a test CA and the channel's signing certificate under $WORK/pki.
local_pki_make() {
    # A test CA and the channel's signing certificate (the platform trusts the CA).
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=fladaemon local test CA" \
        -keyout "$WORK/pki/ca.key" -out "$WORK/pki/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=fladaemon local signing certificate" \
        -keyout "$WORK/pki/signing-key.pem" -out "$WORK/pki/signing.csr" 2>/dev/null
    openssl x509 -req -in "$WORK/pki/signing.csr" -CA "$WORK/pki/ca.pem" -CAkey "$WORK/pki/ca.key" \
        -CAcreateserial -days 30 -out "$WORK/pki/signing-cert.pem" 2>/dev/null
}

# local_simulator_start [simulator options...]: the platform simulator judging IN, INTEST and INTEST-S.
local_simulator_start() {
    "$BIN/platform-simulator" --root "$WORK/sftp" --sender 123456 --flow FLAX --ca "$WORK/pki/ca.pem" \
        --state "$WORK/simulator-state" --poll-ms 100 "$@" >"$WORK/simulator.log" 2>&1 &
    LOCAL_PIDS+=($!)
}

# local_platform_config FILE SPOOL JOURNAL ENVIRONMENT [key=value...]: a daemon configuration for this
# local platform. Keys: max_records, split, settle, poll, idle_close, retry_base, retry_max.
local_platform_config() {
    local file=$1 spool=$2 journal=$3 environment=$4; shift 4
    local max_records=10000 split=parts settle=300 poll=1 idle_close=60 retry_base=1 retry_max=5
    for pair in "$@"; do
        case ${pair%%=*} in
            max_records) max_records=${pair#*=} ;; split) split=${pair#*=} ;; settle) settle=${pair#*=} ;;
            poll) poll=${pair#*=} ;; idle_close) idle_close=${pair#*=} ;;
            retry_base) retry_base=${pair#*=} ;; retry_max) retry_max=${pair#*=} ;;
            *) echo "local_platform_config: unknown key $pair" >&2; return 1 ;;
        esac
    done
    cat > "$file" <<CONF
channel:
  sender: "123456"
  flow: "FLAX"
  environment: $environment
  quality: employer
  declarant_bce: "0403170701"
signing:
  certificate: $WORK/pki/signing-cert.pem
  key: $WORK/pki/signing-key.pem
  expiry_warning_days: 1
conversion:
  max_records_per_fi: $max_records
  split: $split
journal:
  path: $journal
spool:
  root: $spool
  settle_ms: $settle
  idle_close_seconds: $idle_close
  retry_base_seconds: $retry_base
  retry_max_seconds: $retry_max
sftp:
  host: 127.0.0.1
  port: $SSH_PORT
  user: $(id -un)
  private_key: $WORK/keys/client_ed25519
  host_fingerprints: ["$SSH_FINGERPRINT"]
  connect_timeout_seconds: 5
  operation_timeout_seconds: 20
results:
  remote_after_download: delete
  poll_seconds: $poll
CONF
}

local_platform_stop() {
    for pid in "${LOCAL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${LOCAL_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    LOCAL_PIDS=()
}
