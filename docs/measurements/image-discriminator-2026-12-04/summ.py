import json, csv, sys, glob
for d in sys.argv[1:]:
    for f in sorted(glob.glob(d + '/results/mnist/*/code16/seed*/conditional.json')):
        c = json.load(open(f)); dg = json.load(open(f.replace('conditional.json', 'diagnostics.json')))
        rows = list(csv.DictReader(open(f.replace('conditional.json', 'losses.csv'))))
        di = sum(float(r['image_d_loss']) for r in rows[-5:]) / 5
        m = f.split('/')[-3 - 1] + '/' + f.split('/')[-2]
        print(d.split('/')[-1], m, 'label %.3f purity %.3f nearest %.3f q_samp %.3f' % (c.get('label_accuracy', float('nan')), c.get('category_purity', float('nan')), c['nearest_mode_accuracy'], c.get('q_sample_accuracy', float('nan'))),
              'two-sample %.3f' % dg['two_sample_accuracy_splits_mean'], 'D_I loss end %.2f' % di, 'L_I %.2f' % float(rows[-1]['information_loss']))
