# shared.sh: sourced by the bench scripts.  Sets shared to the project's shared
# folder (data/gmb, tools/): $KG_SHARED, else ../shared next to the checkout,
# else /work/shared; exits 2 naming the script when there is none.
shared=${KG_SHARED:-}
for d in "$root/../shared" /work/shared; do
  [[ -z $shared && -d $d/data/gmb ]] && shared=$(cd "$d" && pwd)
done
[[ -n $shared ]] || { echo "$(basename "$0"): set KG_SHARED to the shared folder" >&2; exit 2; }
