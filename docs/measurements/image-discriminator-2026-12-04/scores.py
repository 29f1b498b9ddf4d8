import json, glob, sys, csv
for d in sys.argv[1:]:
    for f in sorted(glob.glob(d + '/results/mnist/*/code16/seed*/score.json')):
        s = json.load(open(f)); m = f.split('/')[-4]; seed = f.split('/')[-2]
        rows = list(csv.DictReader(open(f.replace('score.json', 'losses.csv'))))
        di = sum(float(r.get('image_d_loss') or 'nan') for r in rows[-5:]) / 5
        keys = {k: s[k] for k in s if k in ('is_mean', 'fid', 'precision', 'recall', 'kid_mean')}
        print(d.split('/')[-1], m, seed, {k: round(v, 3) for k, v in keys.items()}, 'D_I loss end %.2f' % di)
