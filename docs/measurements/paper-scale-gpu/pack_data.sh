# The data and wheels the device run carries (a lent GPU machine reaches nothing outside, and
# what travels is capped at 64 MiB with the checkout). Run once from the checkout's root:
#   bash docs/measurements/paper-scale-gpu/pack_data.sh /work/data/cifar10 5000 100
# writes .gpudata/cifar10.tar.gz (the first TRAIN_PER_CLASS and TEST_PER_CLASS images of each
# class, by file name, of an imagefolder copy of CIFAR-10: 5,000 and 100 give all 50,000 training
# images and 1,000 held-out ones, about 16 MiB for the JPEG copy) and .whl/ (jsonschema and its
# compiled dependency, which the machine lacks), both ignored through .git/info/exclude.
set -eu
SRC=$1 NTRAIN=$2 NTEST=$3
grep -qsx '/.gpudata/' .git/info/exclude || echo /.gpudata/ >> .git/info/exclude
grep -qsx '/.whl/' .git/info/exclude || echo /.whl/ >> .git/info/exclude
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for pair in train:$NTRAIN test:$NTEST; do
    split=${pair%%:*} n=${pair#*:}
    for dir in "$SRC/$split"/*/; do
        class=$(basename "$dir"); mkdir -p "$tmp/cifar10/$split/$class"
        ls "$dir" | sort | head -n "$n" | while read -r f; do ln -s "$dir$f" "$tmp/cifar10/$split/$class/$f"; done
    done
done
mkdir -p .gpudata
tar -czhf .gpudata/cifar10.tar.gz.tmp -C "$tmp" cifar10 && mv .gpudata/cifar10.tar.gz.tmp .gpudata/cifar10.tar.gz
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d .whl jsonschema==4.26.0 jsonschema-specifications==2025.9.1 referencing==0.37.0 rpds-py==2026.9.1
du -sh .gpudata .whl
